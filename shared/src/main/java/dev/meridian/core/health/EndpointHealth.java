package dev.meridian.core.health;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quorum verdict on one endpoint across all vantages, with the votes that produced it.
 *
 * @param upVotes fresh vantages whose state is UP (and not suppressed)
 * @param downVotes fresh vantages whose state is DOWN (a suppressed vantage is always DOWN)
 * @param staleVotes vantages whose last report is older than the staleness window (not counted)
 * @param voters every vantage's vote, sorted by vantage code
 * @param healthySince when HEALTHY: the instant the {@code quorum}-th UP vantage came UP, i.e. when
 *     the endpoint became healthy; hold-down is measured from it. Empty otherwise.
 * @param evidence one human-readable line: the verdict, the votes and the quorum
 */
public record EndpointHealth(
    EndpointId endpoint,
    Region region,
    Verdict verdict,
    int upVotes,
    int downVotes,
    int staleVotes,
    List<Vote> voters,
    Optional<Instant> healthySince,
    String evidence) {

  public EndpointHealth {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(verdict, "verdict");
    voters = voters == null ? List.of() : List.copyOf(voters);
    healthySince = healthySince == null ? Optional.empty() : healthySince;
    evidence = evidence == null ? "" : evidence;
  }

  /**
   * One vantage's vote.
   *
   * @param stale whether the vote was ignored because the vantage's report is too old
   * @param lastFailure the vantage's latest failure reason, for explanations
   */
  public record Vote(
      Region vantage,
      HealthState state,
      boolean stale,
      boolean suppressed,
      Instant lastProbeAt,
      double latencyMillis,
      Optional<String> lastFailure) {
    public Vote {
      Objects.requireNonNull(vantage, "vantage");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(lastProbeAt, "lastProbeAt");
      lastFailure = lastFailure == null ? Optional.empty() : lastFailure;
    }
  }

  /** An endpoint no vantage has reported on yet. */
  public static EndpointHealth noReports(EndpointId endpoint, Region region) {
    return new EndpointHealth(
        endpoint,
        region,
        Verdict.UNKNOWN,
        0,
        0,
        0,
        List.of(),
        Optional.empty(),
        "UNKNOWN: no vantage has reported yet");
  }

  public boolean isHealthy() {
    return verdict == Verdict.HEALTHY;
  }

  public boolean isUnhealthy() {
    return verdict == Verdict.UNHEALTHY;
  }
}
