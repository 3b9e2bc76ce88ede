package dev.meridian.core.model;

/**
 * A DNS record type. A service publishes A, AAAA or CNAME records ({@link #isServiceType()}); TXT
 * is only used for Meridian's own ownership record ({@code _meridian.<service>}) and is rejected as
 * a service's record type.
 */
public enum RecordType {
  A,
  AAAA,
  CNAME,
  /** Meridian's ownership marker only; never a service's record type. */
  TXT;

  /** Whether a service may publish this type (A, AAAA, CNAME). */
  public boolean isServiceType() {
    return this != TXT;
  }

  /** Whether an address of this kind can be a value of this record type. */
  public boolean accepts(Address.Kind kind) {
    return switch (this) {
      case A -> kind == Address.Kind.IPV4;
      case AAAA -> kind == Address.Kind.IPV6;
      case CNAME -> kind == Address.Kind.HOSTNAME;
      case TXT -> false;
    };
  }
}
