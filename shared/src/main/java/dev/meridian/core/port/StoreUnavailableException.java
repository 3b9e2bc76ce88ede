package dev.meridian.core.port;

/**
 * A dependency (the table store, Route 53) could not be reached or kept throttling after the
 * adapter's retries. The caller keeps its last good state (fail static) and tries again later.
 */
public final class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
