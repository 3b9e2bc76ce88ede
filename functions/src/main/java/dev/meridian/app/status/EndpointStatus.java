package dev.meridian.app.status;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import java.util.List;

/**
 * One endpoint's operator state, quorum verdict and the votes behind it.
 *
 * @param verdict the quorum verdict (HEALTHY, UNHEALTHY, UNKNOWN, …)
 * @param latencyMillis median of the fresh vantages' latency averages (0 without fresh votes)
 */
public record EndpointStatus(
    EndpointId id,
    String address,
    int port,
    EndpointState state,
    String verdict,
    List<VantageVote> votes,
    double latencyMillis) {
  public EndpointStatus {
    votes = List.copyOf(votes);
  }
}
