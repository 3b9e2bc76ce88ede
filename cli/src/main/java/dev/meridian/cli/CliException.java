package dev.meridian.cli;

/**
 * A failure the CLI reports as one line on stderr (never with a stack trace unless {@code
 * --verbose}), with the exit code it maps to.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
