package dev.meridian.core.plan;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the planner needs, and nothing else: the plan is a pure function of this record.
 *
 * @param health every vantage's record for the service's endpoints
 * @param drills the service's drills (the planner overlays ACTIVE ones)
 * @param previous the last published plan (for ramps, fail-static and step caps)
 * @param announcedHealthySince since when each endpoint the aggregator announced HEALTHY has been
 *     continuously HEALTHY ({@link dev.meridian.core.health.AggregatedHealth#healthySince()}, ADR
 *     0013); for an endpoint the quorum finds HEALTHY it replaces the records' own {@code
 *     healthySince} as the start of the hold-down. Endpoints absent from it (or an empty map) use
 *     the records' value.
 */
public record PlanningInput(
    ServiceConfig config,
    List<Endpoint> endpoints,
    List<VantageHealth> health,
    List<Drill> drills,
    Optional<RoutingPlan> previous,
    Instant now,
    Map<EndpointId, Instant> announcedHealthySince) {
  public PlanningInput {
    java.util.Objects.requireNonNull(config, "config");
    endpoints = List.copyOf(endpoints);
    health = List.copyOf(health);
    drills = List.copyOf(drills);
    previous = previous == null ? Optional.empty() : previous;
    java.util.Objects.requireNonNull(now, "now");
    announcedHealthySince =
        announcedHealthySince == null ? Map.of() : Map.copyOf(announcedHealthySince);
  }

  /** Without announced verdicts: hold-down starts at the records' {@code healthySince}. */
  public PlanningInput(
      ServiceConfig config,
      List<Endpoint> endpoints,
      List<VantageHealth> health,
      List<Drill> drills,
      Optional<RoutingPlan> previous,
      Instant now) {
    this(config, endpoints, health, drills, previous, now, Map.of());
  }
}
