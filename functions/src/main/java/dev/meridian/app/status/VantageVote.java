package dev.meridian.app.status;

import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import java.time.Instant;
import java.util.Optional;

/**
 * One vantage's vote on one endpoint.
 *
 * @param stale the vantage's last report is older than the service's staleness bound, so the vote
 *     is not counted
 * @param suppressed flap damping holds the endpoint DOWN from this vantage
 */
public record VantageVote(
    Region vantage,
    HealthState state,
    boolean stale,
    boolean suppressed,
    Instant lastProbeAt,
    Optional<String> lastFailure) {
  public VantageVote {
    lastFailure = lastFailure == null ? Optional.empty() : lastFailure;
  }
}
