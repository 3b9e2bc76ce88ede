package dev.meridian.core.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The DNS name a service answers on, e.g. {@code api.example.com}: RFC 1035 labels (letters,
 * digits, hyphens, 1–63 characters, no leading or trailing hyphen), at least two labels, at most
 * 253 characters, stored lower-case without a trailing dot.
 */
public record ServiceName(String value) implements Comparable<ServiceName> {
  public static final int MAX_LENGTH = 253;
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public ServiceName {
    Validation.notNull(value, "service");
    // strip(), not trim(): trim() would silently drop control characters such as NUL.
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    Validation.require(!v.isEmpty(), "service", value, "must not be empty");
    Validation.require(
        v.length() <= MAX_LENGTH, "service", value, "must be at most 253 characters long");
    String[] labels = v.split("\\.", -1);
    Validation.require(labels.length >= 2, "service", value, "must have at least two labels");
    for (String label : labels) {
      Validation.require(
          LABEL.matcher(label).matches(),
          "service",
          value,
          "must be a DNS name of RFC 1035 labels (letters, digits, inner hyphens, 1-63 chars)");
    }
    Validation.require(
        !labels[labels.length - 1].chars().allMatch(Character::isDigit),
        "service",
        value,
        "must not end in a numeric label");
    value = v;
  }

  public static ServiceName of(String value) {
    return new ServiceName(value);
  }

  /** The parent domain, e.g. {@code example.com} for {@code api.example.com}. */
  public String parentDomain() {
    return value.substring(value.indexOf('.') + 1);
  }

  @Override
  public int compareTo(ServiceName o) {
    return value.compareTo(o.value);
  }

  // Explicit equals/hashCode: the generated record methods dispatch through method handles,
  // which the planner's hash maps (tens of thousands of lookups per pass) feel when not inlined.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof ServiceName other && value.equals(other.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
