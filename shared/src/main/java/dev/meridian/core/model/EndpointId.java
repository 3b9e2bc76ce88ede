package dev.meridian.core.model;

import java.util.regex.Pattern;

/** An endpoint's id within its service: lower-case letters, digits and hyphens, 1–63 chars. */
public record EndpointId(String value) implements Comparable<EndpointId> {
  private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public EndpointId {
    Validation.notNull(value, "endpointId");
    Validation.require(
        ID.matcher(value).matches(),
        "endpointId",
        value,
        "must be 1-63 lower-case letters, digits or inner hyphens");
  }

  public static EndpointId of(String value) {
    return new EndpointId(value);
  }

  @Override
  public int compareTo(EndpointId o) {
    return value.compareTo(o.value);
  }

  // Explicit equals/hashCode: the generated record methods dispatch through method handles,
  // which the planner's hash maps (tens of thousands of lookups per pass) feel when not inlined.
  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof EndpointId other && value.equals(other.value));
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
