package dev.meridian.app.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * How a scheduler instance runs.
 *
 * @param holderId this scheduler's identity in the lease ({@code <region>/<uuid>})
 * @param leaseTtl how long a lease is held without renewal; longer than one run, shorter than the
 *     reconcile period so that another region takes over within one period when this one dies
 * @param dnsCheckInterval how often an unchanged plan is still compared against DNS (repairs manual
 *     edits); between checks a steady-state run makes no DNS call at all
 */
public record SchedulerSettings(String holderId, Duration leaseTtl, Duration dnsCheckInterval) {
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_DNS_CHECK_INTERVAL = Duration.ofMinutes(10);

  public SchedulerSettings {
    Objects.requireNonNull(holderId, "holderId");
    if (holderId.isBlank()) {
      throw new IllegalArgumentException("scheduler holderId must not be blank");
    }
    if (leaseTtl == null || leaseTtl.isNegative() || leaseTtl.isZero()) {
      throw new IllegalArgumentException("scheduler leaseTtl must be positive, was " + leaseTtl);
    }
    if (dnsCheckInterval == null || dnsCheckInterval.isNegative()) {
      throw new IllegalArgumentException(
          "scheduler dnsCheckInterval must be >= 0, was " + dnsCheckInterval);
    }
  }

  public static SchedulerSettings of(String holderId) {
    return new SchedulerSettings(holderId, DEFAULT_LEASE_TTL, DEFAULT_DNS_CHECK_INTERVAL);
  }
}
