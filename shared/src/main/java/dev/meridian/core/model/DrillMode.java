package dev.meridian.core.model;

/**
 * What a drill does to its region: EVACUATE takes all of its traffic away (weight 0); SHIFT moves
 * {@code percent} % of the region's traffic to the other regions.
 */
public record DrillMode(Kind kind, int percent) {
  /** The two kinds of drill. */
  public enum Kind {
    EVACUATE,
    SHIFT
  }

  public DrillMode {
    Validation.notNull(kind, "mode");
    if (kind == Kind.EVACUATE) {
      percent = 100;
    }
    Validation.inRange(percent, 1, 100, "shiftPercent");
  }

  public static DrillMode evacuate() {
    return new DrillMode(Kind.EVACUATE, 100);
  }

  public static DrillMode shift(int percent) {
    return new DrillMode(Kind.SHIFT, percent);
  }

  /** The fraction (0–1] of the region's traffic that the drill moves away. */
  public double fraction() {
    return percent / 100.0;
  }

  @Override
  public String toString() {
    return kind == Kind.EVACUATE ? "EVACUATE" : "SHIFT " + percent + "%";
  }
}
