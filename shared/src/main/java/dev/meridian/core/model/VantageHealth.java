package dev.meridian.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One vantage's health record for one endpoint: the state of the per-vantage state machine, its
 * counters and evidence. It is what a probe region writes to the health table (one item per
 * endpoint × vantage; that vantage is its only writer).
 *
 * @param consecutiveOk successes in a row (reset by a failure)
 * @param consecutiveFail failures in a row (reset by a success)
 * @param lastProbeAt time of the latest probe folded into this record (drives staleness)
 * @param lastTransitionAt time of the latest state change (empty while never changed)
 * @param upSince when the endpoint last became UP (hold-down is measured from here)
 * @param penalty the flap-damping penalty as of {@code penaltyAt}
 * @param suppressed whether flap damping currently holds the endpoint DOWN
 * @param latencyEwmaMillis exponentially weighted moving average of probe latency
 * @param lastFailure the reason of the latest failed probe, for explanations
 */
public record VantageHealth(
    ServiceName service,
    EndpointId endpoint,
    Region vantage,
    HealthState state,
    int consecutiveOk,
    int consecutiveFail,
    Instant lastProbeAt,
    Optional<Instant> lastTransitionAt,
    Optional<Instant> upSince,
    double penalty,
    Instant penaltyAt,
    boolean suppressed,
    double latencyEwmaMillis,
    Optional<String> lastFailure) {

  public VantageHealth {
    Validation.notNull(service, "service");
    Validation.notNull(endpoint, "endpoint");
    Validation.notNull(vantage, "vantage");
    Validation.notNull(state, "state");
    Validation.require(consecutiveOk >= 0, "consecutiveOk", consecutiveOk, "must be >= 0");
    Validation.require(consecutiveFail >= 0, "consecutiveFail", consecutiveFail, "must be >= 0");
    Validation.notNull(lastProbeAt, "lastProbeAt");
    lastTransitionAt = lastTransitionAt == null ? Optional.empty() : lastTransitionAt;
    upSince = upSince == null ? Optional.empty() : upSince;
    Validation.require(penalty >= 0, "penalty", penalty, "must be >= 0");
    penaltyAt = penaltyAt == null ? lastProbeAt : penaltyAt;
    Validation.require(
        latencyEwmaMillis >= 0, "latencyEwmaMillis", latencyEwmaMillis, "must be >= 0");
    lastFailure = lastFailure == null ? Optional.empty() : lastFailure;
  }

  /** A fresh record for an endpoint this vantage has not probed yet: UNKNOWN, no evidence. */
  public static VantageHealth initial(
      ServiceName service, EndpointId endpoint, Region vantage, Instant now) {
    return new VantageHealth(
        service,
        endpoint,
        vantage,
        HealthState.UNKNOWN,
        0,
        0,
        now,
        Optional.empty(),
        Optional.empty(),
        0,
        now,
        false,
        0,
        Optional.empty());
  }
}
