package dev.meridian.core.model;

/** Argument checks shared by the model's compact constructors; messages name the bad value. */
public final class Validation {
  private Validation() {}

  /** Throws {@link InvalidValueException} for {@code field} when {@code ok} is false. */
  public static void require(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new InvalidValueException(field, value, rule);
    }
  }

  public static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new InvalidValueException(field, null, "is required");
    }
    return value;
  }

  public static int inRange(int value, int min, int max, String field) {
    require(value >= min && value <= max, field, value, "must be between " + min + " and " + max);
    return value;
  }

  public static double inRange(double value, double min, double max, String field) {
    require(
        !Double.isNaN(value) && value >= min && value <= max,
        field,
        value,
        "must be between " + min + " and " + max);
    return value;
  }

  public static java.time.Duration positive(java.time.Duration d, String field) {
    notNull(d, field);
    require(!d.isNegative() && !d.isZero(), field, d, "must be positive");
    return d;
  }

  public static java.time.Duration nonNegative(java.time.Duration d, String field) {
    notNull(d, field);
    require(!d.isNegative(), field, d, "must not be negative");
    return d;
  }
}
