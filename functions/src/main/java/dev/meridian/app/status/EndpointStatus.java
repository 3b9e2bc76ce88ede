package dev.meridian.app.status;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.plan.DrainRamp;
import java.util.List;
import java.util.Optional;

/**
 * One endpoint's operator state, quorum verdict and the votes behind it.
 *
 * @param verdict the quorum verdict (HEALTHY, UNHEALTHY, UNKNOWN, …)
 * @param latencyMillis median of the fresh vantages' latency averages (0 without fresh votes)
 * @param drain the drain ramp's progress while the endpoint drains (ADR 0012)
 */
public record EndpointStatus(
    EndpointId id,
    String address,
    int port,
    EndpointState state,
    String verdict,
    List<VantageVote> votes,
    double latencyMillis,
    Optional<DrainRamp.Progress> drain) {
  public EndpointStatus {
    votes = List.copyOf(votes);
    drain = drain == null ? Optional.empty() : drain;
  }

  /** An endpoint that is not draining. */
  public EndpointStatus(
      EndpointId id,
      String address,
      int port,
      EndpointState state,
      String verdict,
      List<VantageVote> votes,
      double latencyMillis) {
    this(id, address, port, state, verdict, votes, latencyMillis, Optional.empty());
  }
}
