package dev.meridian.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (the caller's identity, or its address when unauthenticated): holds up
 * to {@code burst} tokens, refilled continuously at {@code ratePerSecond}; a request takes one.
 * Time comes from the injected clock, so tests advance it instead of sleeping. The number of
 * buckets is bounded: when it reaches {@link #MAX_KEYS}, buckets that have refilled completely (and
 * so hold no state worth keeping) are dropped.
 */
public final class TokenBucketRateLimiter {
  static final int MAX_KEYS = 10_000;

  private final double burst;
  private final double ratePerSecond;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBucketRateLimiter(int burst, double ratePerSecond, Clock clock) {
    if (burst < 1 || !(ratePerSecond > 0)) {
      throw new IllegalArgumentException(
          "burst must be >= 1 and ratePerSecond > 0 (got " + burst + ", " + ratePerSecond + ")");
    }
    this.burst = burst;
    this.ratePerSecond = ratePerSecond;
    this.clock = clock;
  }

  /** The decision for one request: allowed, or refused with the time until a token is free. */
  public record Decision(boolean allowed, Duration retryAfter) {
    /** {@code Retry-After} in whole seconds, at least 1. */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  public Decision tryAcquire(String key) {
    long nowNanos = nanos();
    if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
      buckets.values().removeIf(b -> b.isFull(nowNanos));
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(nowNanos)).take(nowNanos);
  }

  private long nanos() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(long nowNanos) {
      this.tokens = burst;
      this.lastNanos = nowNanos;
    }

    synchronized Decision take(long nowNanos) {
      refill(nowNanos);
      if (tokens >= 1.0) {
        tokens -= 1.0;
        return new Decision(true, Duration.ZERO);
      }
      double missing = 1.0 - tokens;
      long waitNanos = (long) Math.ceil(missing / ratePerSecond * 1e9);
      return new Decision(false, Duration.ofNanos(waitNanos));
    }

    synchronized boolean isFull(long nowNanos) {
      refill(nowNanos);
      return tokens >= burst;
    }

    private void refill(long nowNanos) {
      long elapsed = nowNanos - lastNanos;
      if (elapsed > 0) {
        tokens = Math.min(burst, tokens + elapsed / 1e9 * ratePerSecond);
        lastNanos = nowNanos;
      }
    }
  }
}
