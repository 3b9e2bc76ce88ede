package dev.meridian.api;

import dev.meridian.app.drill.DrillService;
import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.PlanningService;
import dev.meridian.app.registry.RegistryService;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the API's application services from the ports (DynamoDB adapters on AWS and in local mode,
 * in-memory fakes in tests) and the {@link Clock} bean.
 */
@Factory
public class ApiServicesFactory {

  @Singleton
  RegistryService registryService(
      EndpointRepository repository,
      HealthStore health,
      AuditLog audit,
      AuditEvents events,
      Clock clock) {
    return new RegistryService(repository, health, audit, events, clock);
  }

  @Singleton
  DrillService drillService(
      EndpointRepository repository,
      HealthStore health,
      DrillStore drills,
      AuditLog audit,
      AuditEvents events,
      PlanningService planning,
      Clock clock) {
    return new DrillService(
        repository, health, drills, audit, events, planning, clock, new SecureRandom());
  }
}
