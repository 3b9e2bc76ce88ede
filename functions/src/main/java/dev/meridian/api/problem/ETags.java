package dev.meridian.api.problem;

import dev.meridian.core.model.InvalidValueException;
import io.micronaut.http.HttpHeaders;
import java.util.OptionalLong;

/**
 * Versions as entity tags: the stored item's optimistic-concurrency version, quoted ({@code "3"}).
 * {@code If-Match} accepts {@code 3}, {@code "3"} and {@code W/"3"}; version 0 means "must not
 * exist yet".
 */
public final class ETags {
  private ETags() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /** Parses an {@code If-Match} header value; empty when absent. */
  public static OptionalLong parseIfMatch(String header) {
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    String v = header.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    try {
      long version = Long.parseLong(v);
      if (version >= 0 && v.length() <= 19) {
        return OptionalLong.of(version);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new InvalidValueException(
        HttpHeaders.IF_MATCH, header, "must be a version number such as \"3\"");
  }
}
