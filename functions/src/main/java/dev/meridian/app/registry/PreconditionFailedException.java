package dev.meridian.app.registry;

/**
 * The caller's {@code If-Match} version is not the stored one (HTTP 412): somebody else changed the
 * item since the caller read it.
 */
public final class PreconditionFailedException extends RuntimeException {
  private final long expected;
  private final long actual;

  public PreconditionFailedException(String what, long expected, long actual) {
    super(
        what
            + " is at version "
            + actual
            + ", not "
            + expected
            + (actual == 0 ? " (it does not exist)" : ""));
    this.expected = expected;
    this.actual = actual;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
