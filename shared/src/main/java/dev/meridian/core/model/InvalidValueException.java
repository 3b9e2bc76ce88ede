package dev.meridian.core.model;

/**
 * A value that breaks a rule of the model. Carries the field name so that the API can answer with a
 * problem detail that points at the offending field.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final String field;
  private final transient Object value;

  public InvalidValueException(String field, Object value, String rule) {
    super(field + " " + rule + (value == null ? "" : " (got " + describe(value) + ")"));
    this.field = field;
    this.value = value;
  }

  private static String describe(Object value) {
    String s = String.valueOf(value);
    return s.length() > 80 ? "'" + s.substring(0, 77) + "...'" : "'" + s + "'";
  }

  public String field() {
    return field;
  }

  public Object value() {
    return value;
  }
}
