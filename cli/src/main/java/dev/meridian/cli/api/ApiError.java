package dev.meridian.cli.api;

import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import java.time.Duration;
import java.util.Optional;

/**
 * The API answered with an error: its RFC 7807 problem detail (or the status line when the body was
 * not one), turned into one line and an exit code.
 */
public final class ApiError extends CliException {
  private final int status;
  private final Optional<String> type;
  private final Optional<String> field;
  private Optional<Duration> retryAfter = Optional.empty();

  public ApiError(int status, Optional<String> type, Optional<String> field, String message) {
    super(ExitCodes.forHttpStatus(status), message);
    this.status = status;
    this.type = type;
    this.field = field;
  }

  ApiError withRetryAfter(Optional<Duration> d) {
    this.retryAfter = d;
    return this;
  }

  /** The answer's Retry-After, when it gave one in seconds. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  public int status() {
    return status;
  }

  /** The problem type URI, e.g. {@code https://meridian.dev/problems/not-found}. */
  public Optional<String> type() {
    return type;
  }

  /** The request field the problem points at, if any. */
  public Optional<String> field() {
    return field;
  }
}
