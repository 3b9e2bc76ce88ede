package dev.meridian.app.aggregator;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import java.util.Optional;

/**
 * A verdict change of an endpoint (quorum across vantages) or a region (over its ACTIVE endpoints).
 *
 * @param endpoint present for an endpoint transition, empty for a region transition
 * @param from the verdict before (HEALTHY, UNHEALTHY, UNKNOWN)
 * @param to the verdict after
 * @param evidence one line: the votes or healthy capacity behind the new verdict
 */
public record Transition(
    ServiceName service,
    Region region,
    Optional<EndpointId> endpoint,
    String from,
    String to,
    String evidence) {
  public boolean isRegion() {
    return endpoint.isEmpty();
  }
}
