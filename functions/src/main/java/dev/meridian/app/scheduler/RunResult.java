package dev.meridian.app.scheduler;

import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.ServiceName;
import java.util.Optional;

/**
 * What one scheduler run did for one service.
 *
 * @param dnsChanges record-set changes sent to DNS (0 in steady state)
 * @param changeId the DNS change id of the publication, when one was sent
 * @param mode the mode of the computed plan, when the run got that far
 * @param detail one human-readable line (the error message of a failed run)
 */
public record RunResult(
    ServiceName service,
    Outcome outcome,
    int dnsChanges,
    Optional<String> changeId,
    Optional<PlanMode> mode,
    String detail) {

  /** The outcome of a run. */
  public enum Outcome {
    /** A new plan was stored (routing or DNS changed) and DNS matches it. */
    PUBLISHED,
    /**
     * Nothing to do: the plan routes as the stored one and DNS matches (or was not due a check).
     */
    UNCHANGED,
    /** Another scheduler holds the service's lease; it publishes. */
    NOT_LEADER,
    /** The lease was lost during the run (stale fencing token): nothing was published. */
    LEASE_LOST,
    /** A store or DNS failed: what is published stays (fail static); the next run retries. */
    FAILED,
    /** The service is not registered (any more). */
    NOT_FOUND
  }

  public RunResult {
    changeId = changeId == null ? Optional.empty() : changeId;
    mode = mode == null ? Optional.empty() : mode;
    detail = detail == null ? "" : detail;
  }

  static RunResult of(ServiceName service, Outcome outcome, String detail) {
    return new RunResult(service, outcome, 0, Optional.empty(), Optional.empty(), detail);
  }
}
