package dev.meridian.core.port;

/** The item a write or delete expected does not exist. */
public final class NotFoundException extends StoreException {
  public NotFoundException(String message) {
    super(message, null);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
