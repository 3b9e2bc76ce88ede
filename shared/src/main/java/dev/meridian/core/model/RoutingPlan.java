package dev.meridian.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Meridian wants DNS to say for one service, and why. Produced by the planner, a pure function
 * of configuration, endpoints, health, drills, the previous plan and {@code now}.
 *
 * @param regions one entry per region with registered endpoints, sorted by region code
 * @param explanation human-readable lines: votes, thresholds, ramps, drills, panic
 * @param capacityWarning set when the remaining healthy capacity cannot carry the load
 * @param computedAt when the plan was computed (not part of {@link #sameRouting})
 */
public record RoutingPlan(
    ServiceName service,
    RoutingPolicy policy,
    RecordType recordType,
    Duration ttl,
    PlanMode mode,
    List<RegionRoute> regions,
    List<String> explanation,
    Optional<String> capacityWarning,
    Instant computedAt) {

  public RoutingPlan {
    Validation.notNull(service, "service");
    Validation.notNull(policy, "policy");
    Validation.notNull(recordType, "recordType");
    Validation.nonNegative(ttl, "ttl");
    Validation.notNull(mode, "mode");
    regions = regions == null ? List.of() : List.copyOf(regions);
    explanation = explanation == null ? List.of() : List.copyOf(explanation);
    capacityWarning = capacityWarning == null ? Optional.empty() : capacityWarning;
    Validation.notNull(computedAt, "computedAt");
  }

  public Optional<RegionRoute> region(Region r) {
    return regions.stream().filter(x -> x.region().equals(r)).findFirst();
  }

  /** Whether two plans route traffic identically (ignores explanation and computation time). */
  public boolean sameRouting(RoutingPlan other) {
    return other != null
        && service.equals(other.service)
        && policy == other.policy
        && recordType == other.recordType
        && ttl.equals(other.ttl)
        && mode == other.mode
        && regions.size() == other.regions.size()
        && java.util.stream.IntStream.range(0, regions.size())
            .allMatch(
                i -> {
                  RegionRoute a = regions.get(i);
                  RegionRoute b = other.regions.get(i);
                  return a.region().equals(b.region())
                      && a.weight() == b.weight()
                      && a.included() == b.included()
                      && a.role() == b.role()
                      && a.values().equals(b.values());
                });
  }
}
