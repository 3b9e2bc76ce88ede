package dev.meridian.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A client-side limiter that spaces requests at least {@code 1 / permitsPerSecond} apart (Route 53
 * allows five requests per second per account). Thread safe: callers queue on the monitor, so
 * concurrent callers are served one interval apart.
 */
public final class RateLimiter {
  private final Duration interval;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant next = Instant.MIN;
  private long waits;

  public RateLimiter(double permitsPerSecond, Clock clock, Sleeper sleeper) {
    if (!(permitsPerSecond > 0) || permitsPerSecond > 1000) {
      throw new IllegalArgumentException(
          "rate limit must be between 0 (exclusive) and 1000 requests/s, got " + permitsPerSecond);
    }
    this.interval = Duration.ofNanos((long) (1_000_000_000L / permitsPerSecond));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Waits until the next request may go. */
  public synchronized void acquire() throws InterruptedException {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      waits++;
      sleeper.sleep(Duration.between(now, next));
      now = clock.instant().isAfter(next) ? clock.instant() : next;
    }
    next = now.plus(interval);
  }

  /** How many times a caller had to wait. */
  public synchronized long waits() {
    return waits;
  }

  public Duration interval() {
    return interval;
  }
}
