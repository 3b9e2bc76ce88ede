package dev.meridian.cli;

/** The process exit codes of {@code meridian}, stable for scripts (documented in docs/cli.md). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** Any failure not covered below (an unexpected server error, an I/O problem). */
  public static final int FAILURE = 1;

  /** Bad command line or invalid input (picocli's usage errors, the API's 400 problems). */
  public static final int USAGE = 2;

  /** The service, endpoint or drill does not exist (404). */
  public static final int NOT_FOUND = 3;

  /**
   * The request conflicts with the current state or was refused (409, 412, 422: a lost update, a
   * drill refused or auto-aborted by its guard rails).
   */
  public static final int CONFLICT = 4;

  /** The API could not be reached (connection refused, timeout, local mode not running). */
  public static final int UNREACHABLE = 5;

  /** Authentication or authorization failed (401, 403, missing credentials or token). */
  public static final int AUTH = 6;

  private ExitCodes() {}

  /** The exit code for an HTTP error status of the API. */
  public static int forHttpStatus(int status) {
    return switch (status) {
      case 400 -> USAGE;
      case 401, 403 -> AUTH;
      case 404 -> NOT_FOUND;
      case 409, 412, 422, 428 -> CONFLICT;
      case 429 -> FAILURE;
      case 502, 503, 504 -> UNREACHABLE;
      default -> FAILURE;
    };
  }
}
