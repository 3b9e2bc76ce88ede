package dev.meridian.app.planning;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads a {@link ServiceSnapshot} from the ports. Read-only. */
public final class SnapshotLoader {
  private final EndpointRepository endpoints;
  private final HealthStore health;
  private final DrillStore drills;
  private final PlanStore plans;
  private final Optional<AggregatedHealthStore> aggregated;

  /**
   * A loader that also reads the aggregator's announced state, for callers that plan against a
   * previous plan (hold-down, ADR 0013).
   */
  public SnapshotLoader(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      AggregatedHealthStore aggregated) {
    this(
        endpoints,
        health,
        drills,
        plans,
        Optional.of(Objects.requireNonNull(aggregated, "aggregated")));
  }

  /** A loader without the announced state (its snapshots have no announced healthySince). */
  public SnapshotLoader(
      EndpointRepository endpoints, HealthStore health, DrillStore drills, PlanStore plans) {
    this(endpoints, health, drills, plans, Optional.empty());
  }

  private SnapshotLoader(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      Optional<AggregatedHealthStore> aggregated) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.health = Objects.requireNonNull(health, "health");
    this.drills = Objects.requireNonNull(drills, "drills");
    this.plans = Objects.requireNonNull(plans, "plans");
    this.aggregated = aggregated;
  }

  /**
   * Loads the service's inputs.
   *
   * @throws NotFoundException when the service is not registered
   */
  public ServiceSnapshot load(ServiceName service) {
    var config =
        endpoints
            .findService(service)
            .orElseThrow(() -> new NotFoundException("service " + service + " is not registered"));
    var eps = endpoints.listEndpoints(service).stream().map(Versioned::value).toList();
    Map<EndpointId, Instant> announced =
        aggregated
            .flatMap(a -> a.find(service))
            .map(v -> v.value().verdicts().healthySince())
            .orElse(Map.of());
    return new ServiceSnapshot(
        config, eps, health.list(service), drills.list(service), plans.find(service), announced);
  }
}
