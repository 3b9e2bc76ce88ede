package dev.meridian.core.plan;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.ServiceConfig;

/**
 * The few capacity rules the planner and the drill guard share, so that a drill is admitted on the
 * same arithmetic the planner routes with. Capacities are in the abstract units of {@link
 * Endpoint#capacity()}.
 */
public final class CapacityModel {
  private CapacityModel() {}

  /**
   * The load the service must carry: {@code expectedLoad} when configured, else {@link
   * ServiceConfig#DEFAULT_UTILIZATION} of the registered ACTIVE capacity.
   */
  public static double expectedLoad(ServiceConfig cfg, double registeredCapacity) {
    return cfg.expectedLoad() > 0
        ? cfg.expectedLoad()
        : ServiceConfig.DEFAULT_UTILIZATION * registeredCapacity;
  }

  /**
   * Whether an endpoint takes part in routing: ACTIVE (a draining one too, at its ramped weight and
   * capacity, see {@link DrainRamp}), and its address can be a value of the service's record type
   * (an IPv6 address cannot be published in an A record).
   */
  public static boolean routable(Endpoint e, ServiceConfig cfg) {
    return e.state() == EndpointState.ACTIVE && cfg.recordType().accepts(e.address().kind());
  }
}
