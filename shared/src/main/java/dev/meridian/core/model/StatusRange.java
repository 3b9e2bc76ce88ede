package dev.meridian.core.model;

/** An inclusive range of HTTP status codes that count as healthy, e.g. 200–399. */
public record StatusRange(int min, int max) {
  public static final StatusRange DEFAULT = new StatusRange(200, 399);

  public StatusRange {
    Validation.inRange(min, 100, 599, "expectedStatus.min");
    Validation.inRange(max, 100, 599, "expectedStatus.max");
    Validation.require(min <= max, "expectedStatus", min + "-" + max, "min must not exceed max");
  }

  public boolean contains(int status) {
    return status >= min && status <= max;
  }

  /** Parses {@code "200-399"} or a single code {@code "204"}. */
  public static StatusRange parse(String s) {
    Validation.notNull(s, "expectedStatus");
    String[] parts = s.trim().split("-", -1);
    try {
      if (parts.length == 1) {
        int c = Integer.parseInt(parts[0].trim());
        return new StatusRange(c, c);
      }
      if (parts.length == 2) {
        return new StatusRange(
            Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidValueException("expectedStatus", s, "must look like 200-399 or 204");
  }

  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + "-" + max;
  }
}
