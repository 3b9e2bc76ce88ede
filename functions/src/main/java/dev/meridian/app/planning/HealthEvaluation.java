package dev.meridian.app.planning;

import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.HealthAggregation;
import dev.meridian.core.health.Quorum;
import dev.meridian.core.health.RegionHealth;
import dev.meridian.core.health.Verdict;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The application's single entry to the core's quorum and region health. */
public final class HealthEvaluation {
  private HealthEvaluation() {}

  /** The quorum verdict of each endpoint, in the order of {@code endpoints}. */
  public static Map<EndpointId, EndpointHealth> evaluate(
      ServiceConfig config, List<Endpoint> endpoints, List<VantageHealth> health, Instant now) {
    return HealthAggregation.evaluateAll(config, endpoints, health, now);
  }

  /** The quorum verdict of one endpoint from its vantage records. */
  public static EndpointHealth evaluate(
      ServiceConfig config, Endpoint endpoint, List<VantageHealth> votes, Instant now) {
    return Quorum.evaluate(endpoint, votes, config, now);
  }

  /** The region's health from its endpoints' verdicts (UNKNOWN with no ACTIVE endpoint). */
  public static RegionHealth region(
      Region region, List<Endpoint> endpoints, Map<EndpointId, EndpointHealth> health) {
    List<Endpoint> mine = endpoints.stream().filter(e -> e.region().equals(region)).toList();
    return HealthAggregation.region(HealthAggregation.regions(mine, health), region)
        .orElse(new RegionHealth(region, 0, 0, Verdict.UNKNOWN));
  }
}
