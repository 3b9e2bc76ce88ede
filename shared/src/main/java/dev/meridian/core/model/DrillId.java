package dev.meridian.core.model;

import java.util.regex.Pattern;

/** A drill's id: 1–64 characters of letters, digits and hyphens. */
public record DrillId(String value) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  public DrillId {
    Validation.notNull(value, "drillId");
    Validation.require(
        ID.matcher(value).matches(), "drillId", value, "must be 1-64 letters, digits or hyphens");
  }

  @Override
  public String toString() {
    return value;
  }
}
