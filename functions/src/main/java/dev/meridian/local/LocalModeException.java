package dev.meridian.local;

/**
 * Local mode cannot start or run: the message says what is wrong and how to fix it (missing Node,
 * {@code npm ci} not run, a port in use, another instance running). The CLI prints it as one line.
 */
public final class LocalModeException extends RuntimeException {
  public LocalModeException(String message) {
    super(message);
  }

  public LocalModeException(String message, Throwable cause) {
    super(message, cause);
  }
}
