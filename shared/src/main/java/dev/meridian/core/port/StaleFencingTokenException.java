package dev.meridian.core.port;

/**
 * A writer presented a fencing token older than the current lease's: it lost the lease (for example
 * it paused past the expiry) and must not publish.
 */
public final class StaleFencingTokenException extends StoreException {
  private final long presented;
  private final long current;

  public StaleFencingTokenException(long presented, long current) {
    super("stale fencing token " + presented + " (current is " + current + ")", null);
    this.presented = presented;
    this.current = current;
  }

  public long presented() {
    return presented;
  }

  public long current() {
    return current;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
