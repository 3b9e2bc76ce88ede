package dev.meridian.core.plan;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the planner needs, and nothing else: the plan is a pure function of this record.
 *
 * @param health every vantage's record for the service's endpoints
 * @param drills the service's drills (the planner overlays ACTIVE ones)
 * @param previous the last published plan (for ramps, fail-static and step caps)
 */
public record PlanningInput(
    ServiceConfig config,
    List<Endpoint> endpoints,
    List<VantageHealth> health,
    List<Drill> drills,
    Optional<RoutingPlan> previous,
    Instant now) {
  public PlanningInput {
    java.util.Objects.requireNonNull(config, "config");
    endpoints = List.copyOf(endpoints);
    health = List.copyOf(health);
    drills = List.copyOf(drills);
    previous = previous == null ? Optional.empty() : previous;
    java.util.Objects.requireNonNull(now, "now");
  }
}
