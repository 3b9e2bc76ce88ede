package dev.meridian.core.model;

import java.util.regex.Pattern;

/**
 * An AWS region code such as {@code us-east-1} or {@code ap-southeast-2}. Used both for where an
 * endpoint lives and for a probe vantage point.
 */
public record Region(String code) implements Comparable<Region> {
  private static final Pattern CODE =
      Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}");

  public Region {
    Validation.notNull(code, "region");
    Validation.require(
        CODE.matcher(code).matches(),
        "region",
        code,
        "must be an AWS region code such as us-east-1");
  }

  public static Region of(String code) {
    return new Region(code);
  }

  @Override
  public int compareTo(Region o) {
    return code.compareTo(o.code);
  }

  // Explicit equals/hashCode: the generated record methods dispatch through method handles,
  // which the planner's hash maps (tens of thousands of lookups per pass) feel when not inlined.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Region other && code.equals(other.code));
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
