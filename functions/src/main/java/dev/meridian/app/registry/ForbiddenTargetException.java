package dev.meridian.app.registry;

/**
 * A probe target that Meridian must not probe (link-local, metadata, multicast, or a private
 * address the service does not allow). {@code field} names the request field to blame.
 */
public final class ForbiddenTargetException extends RuntimeException {
  private final String field;

  public ForbiddenTargetException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
