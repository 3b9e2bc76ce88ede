package dev.meridian.core.health;

import dev.meridian.core.model.Region;
import java.util.Objects;

/**
 * The health of one region of a service: how much of its ACTIVE capacity is HEALTHY.
 *
 * <p>The verdict is HEALTHY when any ACTIVE capacity is healthy, UNHEALTHY when every ACTIVE
 * endpoint is UNHEALTHY, and UNKNOWN otherwise (no ACTIVE endpoint, or nothing healthy but some
 * endpoints without a verdict). {@link #fraction()} tells how degraded a HEALTHY region is. This
 * strict definition of UNHEALTHY is what makes "an UNHEALTHY region gets no traffic unless PANIC"
 * hold: an UNKNOWN endpoint may still carry traffic (fail static), so a region with one is never
 * UNHEALTHY.
 *
 * @param healthyCapacity capacity units of its ACTIVE endpoints whose verdict is HEALTHY
 * @param registeredCapacity capacity units of all its ACTIVE endpoints
 */
public record RegionHealth(
    Region region, long healthyCapacity, long registeredCapacity, Verdict verdict) {
  public RegionHealth {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(verdict, "verdict");
    if (healthyCapacity < 0 || registeredCapacity < 0 || healthyCapacity > registeredCapacity) {
      throw new IllegalArgumentException(
          "capacities must satisfy 0 <= healthy ("
              + healthyCapacity
              + ") <= registered ("
              + registeredCapacity
              + ")");
    }
  }

  /** Healthy capacity / registered capacity (0 when nothing is registered). */
  public double fraction() {
    return registeredCapacity == 0 ? 0 : (double) healthyCapacity / registeredCapacity;
  }
}
