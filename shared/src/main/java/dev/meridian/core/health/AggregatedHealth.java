package dev.meridian.core.health;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The endpoint and region verdicts of one service as the aggregator last announced them. A
 * transition is the difference between this and the verdicts evaluated from the health table now;
 * comparing against an explicit, stored "before" (rather than one rebuilt from the changes of a
 * stream batch) is what makes each transition detected exactly once, whichever batch, redelivery or
 * region's aggregator sees the change first (ADR 0010).
 *
 * <p>A subject absent from the maps is {@link Verdict#UNKNOWN}: an endpoint without reports is
 * UNKNOWN, so a new endpoint's first verdict is a transition from UNKNOWN.
 *
 * <p>It also remembers since when each HEALTHY endpoint has been continuously HEALTHY (ADR 0013):
 * the vantage records only hold each vantage's current UP run, so once every vantage has flapped
 * (each time with the others keeping the quorum) the records' {@link EndpointHealth#healthySince()}
 * moves forward although the endpoint never stopped being healthy. The planner's hold-down must
 * restart only when the endpoint itself was not healthy.
 *
 * @param endpoints verdict per registered endpoint
 * @param regions verdict per region that has endpoints
 * @param healthySince for endpoints announced HEALTHY: the quorum's {@link
 *     EndpointHealth#healthySince()} when they were announced HEALTHY, kept while they stay HEALTHY
 *     (an endpoint announced HEALTHY without it, as stored before ADR 0013, gets the quorum's value
 *     at the next diff); never present for an endpoint that is not HEALTHY
 * @throws IllegalArgumentException if {@code healthySince} names an endpoint not HEALTHY
 */
public record AggregatedHealth(
    ServiceName service,
    Map<EndpointId, Verdict> endpoints,
    Map<Region, Verdict> regions,
    Map<EndpointId, Instant> healthySince) {
  public AggregatedHealth {
    Objects.requireNonNull(service, "service");
    endpoints = Map.copyOf(endpoints);
    regions = Map.copyOf(regions);
    healthySince = Map.copyOf(healthySince);
    for (EndpointId id : healthySince.keySet()) {
      if (endpoints.get(id) != Verdict.HEALTHY) {
        throw new IllegalArgumentException(
            "healthySince of "
                + id
                + " stored although it is "
                + endpoints.getOrDefault(id, Verdict.UNKNOWN));
      }
    }
  }

  /** Verdicts without any {@code healthySince} (as announced before ADR 0013). */
  public AggregatedHealth(
      ServiceName service, Map<EndpointId, Verdict> endpoints, Map<Region, Verdict> regions) {
    this(service, endpoints, regions, Map.of());
  }

  /** Nothing announced yet: every subject is UNKNOWN. */
  public static AggregatedHealth initial(ServiceName service) {
    return new AggregatedHealth(service, Map.of(), Map.of(), Map.of());
  }

  /** Since when {@code id} has been continuously HEALTHY, if it is announced HEALTHY. */
  public Optional<Instant> healthySince(EndpointId id) {
    return Optional.ofNullable(healthySince.get(id));
  }

  public Verdict endpoint(EndpointId id) {
    return endpoints.getOrDefault(id, Verdict.UNKNOWN);
  }

  public Verdict region(Region r) {
    return regions.getOrDefault(r, Verdict.UNKNOWN);
  }

  /**
   * One announced verdict change.
   *
   * @param endpoint present for an endpoint, empty for a region
   * @param evidence the votes (endpoint) or healthy capacity (region) behind {@code to}
   */
  public record Change(
      Region region, Optional<EndpointId> endpoint, Verdict from, Verdict to, String evidence) {
    public Change {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from == to) {
        throw new IllegalArgumentException("a change needs two different verdicts: " + from);
      }
      evidence = evidence == null ? "" : evidence;
    }

    public boolean isRegion() {
      return endpoint.isEmpty();
    }
  }

  /**
   * What the current evaluation changes: the transitions (endpoints in id order, then regions in
   * code order) and the state to store once they are announced.
   */
  public record Diff(List<Change> changes, AggregatedHealth next) {
    public Diff {
      changes = List.copyOf(changes);
      Objects.requireNonNull(next, "next");
    }
  }

  /**
   * Compares the current evaluation of every registered endpoint and every region with this state.
   * Endpoints no longer registered (and regions without endpoints) are dropped without a
   * transition: their records are going away. An endpoint that stays HEALTHY keeps its {@code
   * healthySince}; one that becomes HEALTHY gets the quorum's; one that leaves HEALTHY loses it.
   *
   * @param endpointsNow every registered endpoint's current quorum verdict
   * @param regionsNow every region's current health (as {@link HealthAggregation#regions})
   */
  public Diff diff(Collection<EndpointHealth> endpointsNow, Collection<RegionHealth> regionsNow) {
    List<Change> changes = new ArrayList<>();
    Map<EndpointId, Verdict> nextEndpoints = new TreeMap<>();
    Map<EndpointId, Instant> nextSince = new TreeMap<>();
    endpointsNow.stream()
        .sorted(java.util.Comparator.comparing(h -> h.endpoint().value()))
        .forEach(
            h -> {
              Verdict from = endpoint(h.endpoint());
              if (from != h.verdict()) {
                changes.add(
                    new Change(
                        h.region(), Optional.of(h.endpoint()), from, h.verdict(), h.evidence()));
              }
              nextEndpoints.put(h.endpoint(), h.verdict());
              if (h.verdict() == Verdict.HEALTHY) {
                Optional<Instant> since =
                    from == Verdict.HEALTHY ? healthySince(h.endpoint()) : Optional.empty();
                since.or(h::healthySince).ifPresent(t -> nextSince.put(h.endpoint(), t));
              }
            });
    Map<Region, Verdict> nextRegions = new TreeMap<>();
    regionsNow.stream()
        .sorted(java.util.Comparator.comparing(r -> r.region().code()))
        .forEach(
            r -> {
              Verdict from = region(r.region());
              if (from != r.verdict()) {
                changes.add(
                    new Change(
                        r.region(),
                        Optional.empty(),
                        from,
                        r.verdict(),
                        String.format(
                            "healthy capacity %d of %d (%.0f%%)",
                            r.healthyCapacity(), r.registeredCapacity(), 100 * r.fraction())));
              }
              nextRegions.put(r.region(), r.verdict());
            });
    return new Diff(changes, new AggregatedHealth(service, nextEndpoints, nextRegions, nextSince));
  }
}
