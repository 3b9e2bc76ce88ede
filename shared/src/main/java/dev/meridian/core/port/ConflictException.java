package dev.meridian.core.port;

/**
 * An optimistic-concurrency race was lost: the item's version was not the expected one (or the item
 * already exists on create). Never a silent overwrite; the caller re-reads and decides.
 */
public final class ConflictException extends StoreException {
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConflictException(String message) {
    this(message, null);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
