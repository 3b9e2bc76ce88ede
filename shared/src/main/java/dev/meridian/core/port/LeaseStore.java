package dev.meridian.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Leases with fencing tokens, by single-item conditional writes. */
public interface LeaseStore {
  /**
   * Takes the lease if it is free or expired (new, higher fencing token) or renews it if {@code
   * holder} already holds it (same token). Empty when another holder has a valid lease.
   */
  Optional<Lease> tryAcquire(String key, String holder, Duration ttl, Instant now);

  /** Extends a lease still held by its holder; empty if it was lost. */
  Optional<Lease> renew(Lease lease, Duration ttl, Instant now);

  /** Gives the lease up early (only if still held with this token). */
  void release(Lease lease);

  /**
   * Throws {@link StaleFencingTokenException} unless {@code fencingToken} is the current token of a
   * lease on {@code key} that is valid at {@code now}.
   */
  void checkCurrent(String key, long fencingToken, Instant now);
}
