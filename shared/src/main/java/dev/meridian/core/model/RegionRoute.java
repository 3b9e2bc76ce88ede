package dev.meridian.core.model;

import java.util.List;

/**
 * One region's part of a {@link RoutingPlan}.
 *
 * @param weight Route 53 weight 0–255 (WEIGHTED; for the other policies 0 or the base weight)
 * @param included whether the region's records are published as answerable (LATENCY, MULTIVALUE)
 * @param role PRIMARY / SECONDARY / STANDBY under FAILOVER, NONE otherwise
 * @param values the record values: addresses of the region's healthy ACTIVE endpoints, sorted
 * @param share the fraction of the service's traffic the region gets (0–1)
 * @param explanation why, in one human-readable line
 */
public record RegionRoute(
    Region region,
    int weight,
    boolean included,
    FailoverRole role,
    List<String> values,
    double share,
    String explanation) {

  public RegionRoute {
    Validation.notNull(region, "region");
    Validation.inRange(weight, 0, Endpoint.MAX_WEIGHT, "weight");
    Validation.notNull(role, "role");
    values = values == null ? List.of() : List.copyOf(values);
    Validation.inRange(share, 0.0, 1.0, "share");
    explanation = explanation == null ? "" : explanation;
  }
}
