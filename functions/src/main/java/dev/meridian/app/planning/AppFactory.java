package dev.meridian.app.planning;

import dev.meridian.app.aggregator.AggregatorService;
import dev.meridian.app.scheduler.SchedulerConfiguration;
import dev.meridian.app.scheduler.SchedulerService;
import dev.meridian.app.scheduler.SchedulerSettings;
import dev.meridian.app.scheduler.SchedulerTrigger;
import dev.meridian.app.status.StatusService;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.PlanStore;
import dev.meridian.observability.DecisionLog;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricsFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Wires the application services (plain classes, constructed from the ports and a {@link Clock})
 * into Micronaut. The ports themselves come from the adapters' factories (DynamoDB / Route 53 on
 * AWS, the local runtime's adapters locally); the {@link SchedulerTrigger} from the scheduler
 * function's factory on AWS or the local runtime.
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
  AuditEvents auditEvents() {
    return new AuditEvents(RandomGenerator.getDefault());
  }

  @Singleton
  PlanningService planningService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      AggregatedHealthStore aggregated,
      DnsPublisher dns,
      Clock clock) {
    return new PlanningService(endpoints, health, drills, plans, aggregated, dns, clock);
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

  /** This process's scheduler identity: {@code <region>/<uuid>}, fresh per process. */
  @Singleton
  SchedulerSettings schedulerSettings(SchedulerConfiguration config, Environment env) {
    return new SchedulerSettings(
        MetricsFactory.region(env) + "/" + UUID.randomUUID(),
        config.getLeaseTtl(),
        config.getDnsCheckInterval());
  }

  @Singleton
  SchedulerService schedulerService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      AggregatedHealthStore aggregated,
      DnsPublisher dns,
      LeaseStore leases,
      AuditLog audit,
      AuditEvents events,
      DecisionLog decisions,
      MeridianMetrics metrics,
      SchedulerSettings settings,
      Clock clock) {
    return new SchedulerService(
        endpoints,
        health,
        drills,
        plans,
        aggregated,
        dns,
        leases,
        audit,
        events,
        decisions,
        metrics,
        settings,
        clock);
  }

  @Singleton
  @Requires(beans = SchedulerTrigger.class)
  AggregatorService aggregatorService(
      EndpointRepository endpoints,
      HealthStore health,
      AggregatedHealthStore aggregated,
      AuditLog audit,
      AuditEvents events,
      SchedulerTrigger trigger,
      DecisionLog decisions,
      MeridianMetrics metrics,
      Clock clock) {
    return new AggregatorService(
        endpoints, health, aggregated, audit, events, trigger, decisions, metrics, clock);
  }
}
