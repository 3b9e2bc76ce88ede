package dev.meridian.core.model;

/**
 * A stored value with its optimistic-concurrency version. Version {@link #NEW} means "does not
 * exist yet": saving with expected version 0 creates, and fails if the item already exists.
 */
public record Versioned<T>(T value, long version) {
  public static final long NEW = 0;

  public Versioned {
    Validation.notNull(value, "value");
    Validation.require(version >= 0, "version", version, "must be >= 0");
  }
}
