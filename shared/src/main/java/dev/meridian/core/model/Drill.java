package dev.meridian.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A failover drill on one region of one service.
 *
 * @param startAt when the drill takes effect (PENDING until then)
 * @param expiresAt when it auto-completes and traffic returns
 * @param stateReason why it is in its state (refusal or abort reason, completion note)
 */
public record Drill(
    DrillId id,
    ServiceName service,
    Region region,
    DrillMode mode,
    Instant startAt,
    Instant expiresAt,
    String reason,
    String requester,
    DrillState state,
    Optional<String> stateReason,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_REASON = 500;

  public Drill {
    Validation.notNull(id, "drillId");
    Validation.notNull(service, "service");
    Validation.notNull(region, "region");
    Validation.notNull(mode, "mode");
    Validation.notNull(startAt, "startAt");
    Validation.notNull(expiresAt, "expiresAt");
    Validation.require(expiresAt.isAfter(startAt), "expiresAt", expiresAt, "must be after startAt");
    reason = reason == null ? "" : reason;
    Validation.require(
        reason.length() <= MAX_REASON, "reason", reason, "must be at most 500 chars");
    requester = requester == null || requester.isBlank() ? "unknown" : requester;
    Validation.notNull(state, "state");
    stateReason = stateReason == null ? Optional.empty() : stateReason;
    Validation.notNull(createdAt, "createdAt");
    Validation.notNull(updatedAt, "updatedAt");
  }

  public Drill withState(DrillState newState, String why, Instant at) {
    return new Drill(
        id,
        service,
        region,
        mode,
        startAt,
        expiresAt,
        reason,
        requester,
        newState,
        Optional.ofNullable(why),
        createdAt,
        at);
  }
}
