package dev.meridian.app.status;

import dev.meridian.core.model.Region;
import java.util.List;

/**
 * One region of a service: its health and the traffic it gets.
 *
 * @param healthyFraction healthy ACTIVE capacity over registered ACTIVE capacity (0–1)
 * @param weight the weight in the plan (the last published one; the computed one before the first
 *     publication)
 * @param share the fraction of the service's traffic that plan gives the region (0–1)
 */
public record RegionStatus(
    Region region,
    double healthyFraction,
    int weight,
    double share,
    String verdict,
    List<EndpointStatus> endpoints) {
  public RegionStatus {
    endpoints = List.copyOf(endpoints);
  }
}
