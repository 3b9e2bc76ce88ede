package dev.meridian.aws.dynamodb;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The three tables' names: {@code <prefix>endpoints}, {@code <prefix>health} (with a stream) and
 * {@code <prefix>control}. See docs/data-model.md.
 */
public record TableNames(String endpoints, String health, String control) {
  public static final String DEFAULT_PREFIX = "meridian-";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  public TableNames {
    for (String n : new String[] {endpoints, health, control}) {
      Objects.requireNonNull(n, "table name");
      if (!NAME.matcher(n).matches()) {
        throw new IllegalArgumentException(
            "table name '" + n + "' must be 3-255 characters of letters, digits, _ . -");
      }
    }
  }

  /** The names for a prefix, e.g. {@code meridian-} gives {@code meridian-endpoints}, … */
  public static TableNames withPrefix(String prefix) {
    String p = prefix == null ? "" : prefix;
    return new TableNames(p + "endpoints", p + "health", p + "control");
  }
}
