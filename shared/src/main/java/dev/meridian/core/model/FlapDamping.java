package dev.meridian.core.model;

import java.time.Duration;

/**
 * Route-flap damping in the spirit of RFC 2439: every health transition adds {@code penalty}; the
 * accumulated penalty decays exponentially with {@code halfLife}; above {@code suppressThreshold}
 * the endpoint is held DOWN until the penalty decays below {@code reuseThreshold}. The penalty is
 * capped at {@code maxPenalty} so that suppression never lasts forever.
 */
public record FlapDamping(
    boolean enabled,
    double penalty,
    Duration halfLife,
    double suppressThreshold,
    double reuseThreshold,
    double maxPenalty) {
  public static final double DEFAULT_PENALTY = 1000;
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofMinutes(2);
  public static final double DEFAULT_SUPPRESS = 3000;
  public static final double DEFAULT_REUSE = 1500;
  public static final double DEFAULT_MAX_PENALTY = 6000;
  public static final FlapDamping DEFAULT =
      new FlapDamping(
          true,
          DEFAULT_PENALTY,
          DEFAULT_HALF_LIFE,
          DEFAULT_SUPPRESS,
          DEFAULT_REUSE,
          DEFAULT_MAX_PENALTY);
  public static final FlapDamping DISABLED =
      new FlapDamping(
          false,
          DEFAULT_PENALTY,
          DEFAULT_HALF_LIFE,
          DEFAULT_SUPPRESS,
          DEFAULT_REUSE,
          DEFAULT_MAX_PENALTY);

  public FlapDamping {
    Validation.inRange(penalty, 1, 100_000, "damping.penalty");
    Validation.positive(halfLife, "damping.halfLife");
    Validation.inRange(reuseThreshold, 1, 1_000_000, "damping.reuseThreshold");
    Validation.require(
        suppressThreshold > reuseThreshold,
        "damping.suppressThreshold",
        suppressThreshold,
        "must be greater than damping.reuseThreshold (" + reuseThreshold + ")");
    Validation.require(
        maxPenalty >= suppressThreshold,
        "damping.maxPenalty",
        maxPenalty,
        "must be at least damping.suppressThreshold (" + suppressThreshold + ")");
  }
}
