package dev.meridian.core.port;

import java.time.Instant;

/**
 * A scheduler lease: who holds {@code key} until {@code expiresAt}. The fencing token increases on
 * every acquisition (not on renewal); writers present it so that a paused ex-holder is rejected.
 */
public record Lease(String key, String holder, long fencingToken, Instant expiresAt) {
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
