package dev.meridian.core.port;

/**
 * DNS rejected a change. {@code retryable} is false for a change DNS will never accept (Route 53's
 * InvalidChangeBatch, whose message is kept) and true for throttling that outlasted the retries.
 */
public final class DnsPublishException extends StoreException {
  private final boolean retryable;

  public DnsPublishException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
