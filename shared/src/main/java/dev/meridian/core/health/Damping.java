package dev.meridian.core.health;

import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of flap damping (RFC 2439 style): a penalty that halves every {@code halfLife}.
 * The stored pair (penalty, penaltyAt) is only re-based when a flap adds to it, so the value at any
 * instant is a pure function of the record and that instant.
 */
public final class Damping {
  /** Below this the penalty is treated as fully decayed (avoids denormal noise in records). */
  static final double NEGLIGIBLE = 0.5;

  private Damping() {}

  /** The penalty {@code penalty} recorded at {@code at} has decayed to this at {@code now}. */
  public static double decayed(double penalty, Instant at, Duration halfLife, Instant now) {
    if (penalty <= 0 || !now.isAfter(at)) {
      return Math.max(0, penalty);
    }
    double halfLives = Duration.between(at, now).toNanos() / (double) halfLife.toNanos();
    double v = penalty * Math.pow(0.5, halfLives);
    return v < NEGLIGIBLE ? 0 : v;
  }

  /** The vantage record's penalty as of {@code now}. */
  public static double decayed(VantageHealth h, FlapDamping d, Instant now) {
    return decayed(h.penalty(), h.penaltyAt(), d.halfLife(), now);
  }

  /**
   * When a suppressed record's penalty will have decayed below the reuse threshold, assuming no
   * further flaps: {@code at + halfLife * log2(penalty / reuse)}.
   */
  public static Instant reuseAt(double penalty, Instant at, FlapDamping d) {
    if (penalty < d.reuseThreshold()) {
      return at;
    }
    double halfLives = Math.log(penalty / d.reuseThreshold()) / Math.log(2);
    // +1 ns: "below" the threshold, not equal to it.
    return at.plusNanos((long) Math.ceil(halfLives * d.halfLife().toNanos()) + 1);
  }
}
