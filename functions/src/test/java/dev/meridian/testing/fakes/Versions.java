package dev.meridian.testing.fakes;

import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.NotFoundException;

/** The optimistic-concurrency rule every store follows, in one place for the fakes. */
final class Versions {
  private Versions() {}

  /**
   * Checks a write of {@code what} expecting {@code expected} against the stored item: {@link
   * Versioned#NEW} creates and conflicts with an existing item; a positive version must match the
   * stored one (conflict) and needs an existing item ({@link NotFoundException}).
   *
   * @return the version the written item gets
   */
  static long next(String what, Versioned<?> current, long expected) {
    if (expected < 0) {
      throw new InvalidValueException("expectedVersion", expected, "must be >= 0");
    }
    if (expected == Versioned.NEW) {
      if (current != null) {
        throw new ConflictException(what + " already exists (version " + current.version() + ")");
      }
      return 1;
    }
    if (current == null) {
      throw new NotFoundException(what + " does not exist (expected version " + expected + ")");
    }
    if (current.version() != expected) {
      throw new ConflictException(
          what + " is at version " + current.version() + ", not " + expected);
    }
    return expected + 1;
  }

  /** Checks a delete of {@code what} expecting {@code expected} (a stored version, at least 1). */
  static void checkDelete(String what, Versioned<?> current, long expected) {
    if (expected < 1) {
      throw new InvalidValueException("expectedVersion", expected, "must be >= 1 for a delete");
    }
    next(what, current, expected);
  }
}
