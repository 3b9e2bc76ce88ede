package dev.meridian.api;

import dev.meridian.core.model.InvalidValueException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses query parameters strictly (a typo is an error, not a silent default). */
public final class RequestParams {
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_\\-=.:+/]{1,1024}");

  private RequestParams() {}

  /** {@code true}/{@code false} (absent = false). */
  public static boolean flag(String name, String raw) {
    if (raw == null || raw.isEmpty()) {
      return false;
    }
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidValueException(name, raw, "must be true or false");
    };
  }

  /** An integer in [min, max], or {@code dflt} when absent. */
  public static int integer(String name, String raw, int dflt, int min, int max) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(name, raw, "must be an integer");
    }
    if (v < min || v > max) {
      throw new InvalidValueException(name, raw, "must be between " + min + " and " + max);
    }
    return v;
  }

  /** An opaque pagination cursor as returned in {@code next}. */
  public static Optional<String> cursor(String name, String raw) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    if (!CURSOR.matcher(raw).matches()) {
      throw new InvalidValueException(name, raw, "is not a cursor returned by this API");
    }
    return Optional.of(raw);
  }
}
