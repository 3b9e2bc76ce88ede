package dev.meridian.api;

import dev.meridian.aws.AwsAdaptersFactory;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.PlanStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * In a context that has a {@link Stores} singleton, the in-memory fakes replace the DynamoDB and
 * Route 53 port beans of {@link AwsAdaptersFactory}, so that nothing reaches AWS.
 */
@Factory
@Requires(beans = Stores.class)
class FakePortsFactory {

  @Singleton
  @Replaces(value = EndpointRepository.class, factory = AwsAdaptersFactory.class)
  EndpointRepository endpoints(Stores s) {
    return s.endpoints;
  }

  @Singleton
  @Replaces(value = HealthStore.class, factory = AwsAdaptersFactory.class)
  HealthStore health(Stores s) {
    return s.health;
  }

  @Singleton
  @Replaces(value = DrillStore.class, factory = AwsAdaptersFactory.class)
  DrillStore drills(Stores s) {
    return s.drills;
  }

  @Singleton
  @Replaces(value = PlanStore.class, factory = AwsAdaptersFactory.class)
  PlanStore plans(Stores s) {
    return s.plans;
  }

  @Singleton
  @Replaces(value = LeaseStore.class, factory = AwsAdaptersFactory.class)
  LeaseStore leases(Stores s) {
    return s.leases;
  }

  @Singleton
  @Replaces(value = AuditLog.class, factory = AwsAdaptersFactory.class)
  AuditLog audit(Stores s) {
    return s.audit;
  }

  @Singleton
  @Replaces(value = DnsPublisher.class, factory = AwsAdaptersFactory.class)
  DnsPublisher dns(Stores s) {
    return s.dns;
  }

  @Singleton
  @Replaces(value = AggregatedHealthStore.class, factory = AwsAdaptersFactory.class)
  AggregatedHealthStore aggregated(Stores s) {
    return s.aggregated;
  }
}
