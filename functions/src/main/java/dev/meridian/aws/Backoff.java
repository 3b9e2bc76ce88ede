package dev.meridian.aws;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter and a ceiling: the wait before retry {@code n} (0-based) is
 * uniform in {@code [0, min(max, base · 2^n)]} (the AWS Architecture Blog's "full jitter").
 */
public record Backoff(Duration base, Duration max, RandomGenerator random) {
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(random, "random");
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 <= base <= max, got " + base + ", " + max);
    }
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public Duration delay(int retry) {
    long cap = max.toMillis();
    long exp = base.toMillis() << Math.min(Math.max(retry, 0), 30);
    long ceiling = exp <= 0 || exp > cap ? cap : exp;
    return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
  }
}
