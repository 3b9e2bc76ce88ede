package dev.meridian.api;

import dev.meridian.app.registry.RegistryService;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Wires the API's application services from the ports (DynamoDB adapters on AWS and in local mode,
 * in-memory fakes in tests). A {@link Clock} bean, when one exists, replaces the system clock.
 */
@Factory
public class ApiServicesFactory {

  @Singleton
  RegistryService registryService(
      EndpointRepository repository, HealthStore health, AuditLog audit, Optional<Clock> clock) {
    return new RegistryService(
        repository, health, audit, clock.orElseGet(Clock::systemUTC), random());
  }

  static RandomGenerator random() {
    return new SecureRandom();
  }
}
