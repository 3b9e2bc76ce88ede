package dev.meridian.app.planning;

import dev.meridian.app.status.StatusService;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.PlanStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the application services (plain classes, constructed from the ports and a {@link Clock})
 * into Micronaut. The ports themselves come from the adapters' factories (DynamoDB / Route 53 on
 * AWS, the local runtime's adapters locally).
 */
@Factory
public class AppFactory {

  /** The wall clock; a test or the local runtime may provide its own {@link Clock} bean. */
  @Singleton
  @Requires(missingBeans = Clock.class)
  Clock systemClock() {
    return Clock.systemUTC();
  }

  @Singleton
  PlanningService planningService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      DnsPublisher dns,
      Clock clock) {
    return new PlanningService(endpoints, health, drills, plans, dns, clock);
  }

  @Singleton
  StatusService statusService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      Clock clock) {
    return new StatusService(endpoints, health, drills, plans, clock);
  }
}
