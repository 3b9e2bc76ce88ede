package dev.meridian.app.planning;

import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.Quorum;
import dev.meridian.core.health.RegionHealth;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs the core quorum over every endpoint of a service. */
public final class HealthEvaluation {
  private HealthEvaluation() {}

  /** The quorum verdict of each endpoint, from the vantage records that belong to it. */
  public static Map<EndpointId, EndpointHealth> evaluate(
      ServiceConfig config, List<Endpoint> endpoints, List<VantageHealth> health, Instant now) {
    Map<EndpointId, EndpointHealth> out = new TreeMap<>();
    for (Endpoint e : endpoints) {
      out.put(e.id(), Quorum.evaluate(e, votesOf(e.id(), health), config, now));
    }
    return out;
  }

  /** The vantage records of one endpoint. */
  public static List<VantageHealth> votesOf(EndpointId id, List<VantageHealth> health) {
    return health.stream().filter(h -> h.endpoint().equals(id)).toList();
  }

  /** The region's verdict from its endpoints' verdicts. */
  public static RegionHealth region(
      Region region, List<Endpoint> endpoints, Map<EndpointId, EndpointHealth> health) {
    return Quorum.region(region, endpoints, health);
  }

  /** The endpoint verdict's name (HEALTHY, UNHEALTHY, …), as shown in status and audit events. */
  public static String verdict(EndpointHealth health) {
    return health.verdict().name();
  }

  /** The region verdict's name. */
  public static String verdict(RegionHealth health) {
    return health.verdict().name();
  }

  /** Healthy ACTIVE capacity of the region over its registered ACTIVE capacity (0–1). */
  public static double healthyFraction(RegionHealth health) {
    return health.healthyFraction();
  }

  /** One line of evidence for an endpoint verdict (votes), for logs and audit details. */
  public static String evidence(EndpointHealth health) {
    return health.explanation();
  }
}
