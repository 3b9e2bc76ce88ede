package dev.meridian.core.port;

/** Base of the errors a port reports. {@link #retryable()} says whether trying again may help. */
public abstract class StoreException extends RuntimeException {
  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract boolean retryable();
}
