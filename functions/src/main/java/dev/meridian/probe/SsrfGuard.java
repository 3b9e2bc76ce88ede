package dev.meridian.probe;

import dev.meridian.core.model.Address;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a probe may connect to an address, so that a registered endpoint can never turn
 * the probe fleet into a proxy towards the instance-metadata service or the private network.
 *
 * <p>Always refused: IPv4 link-local 169.254.0.0/16 (EC2/ECS metadata live there), "this network"
 * 0.0.0.0/8, multicast and the reserved 240.0.0.0/4 (incl. broadcast), IPv6 unspecified {@code ::},
 * link-local fe80::/10, multicast ff00::/8 and the EC2 IPv6 metadata address fd00:ec2::254. Refused
 * unless the service allows private targets: loopback (127.0.0.0/8, ::1), RFC 1918 ranges,
 * carrier-grade NAT 100.64.0.0/10, IPv6 unique-local fc00::/7 and deprecated site-local fec0::/10.
 * IPv4 addresses embedded in IPv6 (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4
 * 2002::/16) are judged as the IPv4 address they carry.
 *
 * <p>Host names are resolved through the injected {@link Resolver} and <em>every</em> address must
 * pass; the caller then connects to the returned address and never resolves the name again, so a
 * DNS answer that changes between the check and the connect (DNS rebinding) cannot slip through.
 */
public final class SsrfGuard {

  /** Resolves a host name to its addresses; injectable so tests need no real DNS. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM resolver (and its cache, see {@link ProbeEngine#DNS_CACHE_TTL_PROPERTY}). */
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
  }

  private static final byte[] EC2_METADATA_V6 = v6("fd00:ec2::254");

  private final Resolver resolver;

  public SsrfGuard(Resolver resolver) {
    this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
  }

  /** A guard over the JVM resolver. */
  public static SsrfGuard system() {
    return new SsrfGuard(Resolver.SYSTEM);
  }

  /**
   * Why a probe must not connect to {@code address}, or empty when it may. Pure: no I/O.
   *
   * @param allowPrivate whether loopback / private / unique-local / CGNAT targets are allowed
   */
  public static Optional<String> denial(InetAddress address, boolean allowPrivate) {
    if (address instanceof Inet4Address v4) {
      return denial4(v4.getAddress(), allowPrivate);
    }
    byte[] b = address.getAddress();
    if (java.util.Arrays.equals(b, EC2_METADATA_V6)) {
      return Optional.of("instance-metadata address");
    }
    byte[] embedded = embeddedV4(b);
    if (embedded != null) {
      return denial4(embedded, allowPrivate);
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified address");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast address");
    }
    if (!allowPrivate) {
      if (address.isLoopbackAddress()) {
        return Optional.of("loopback address (private targets not allowed)");
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return Optional.of("unique-local address (private targets not allowed)");
      }
      if (address.isSiteLocalAddress()) {
        return Optional.of("site-local address (private targets not allowed)");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> denial4(byte[] a, boolean allowPrivate) {
    int o0 = a[0] & 0xff;
    int o1 = a[1] & 0xff;
    if (o0 == 169 && o1 == 254) {
      return Optional.of("link-local / instance-metadata address");
    }
    if (o0 == 0) {
      return Optional.of("unspecified address (0.0.0.0/8)");
    }
    if (o0 >= 224) {
      return Optional.of(o0 < 240 ? "multicast address" : "reserved / broadcast address");
    }
    if (!allowPrivate) {
      if (o0 == 127) {
        return Optional.of("loopback address (private targets not allowed)");
      }
      if (o0 == 10 || (o0 == 172 && (o1 & 0xf0) == 16) || (o0 == 192 && o1 == 168)) {
        return Optional.of("private address (private targets not allowed)");
      }
      if (o0 == 100 && (o1 & 0xc0) == 64) {
        return Optional.of("carrier-grade NAT address (private targets not allowed)");
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address carried by a mapped, compatible, NAT64 or 6to4 IPv6 address, else null. */
  private static byte[] embeddedV4(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return new byte[] {b[12], b[13], b[14], b[15]}; // ::ffff:a.b.c.d
    }
    boolean firstTwelveZero = firstTenZero && b[10] == 0 && b[11] == 0;
    if (firstTwelveZero && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0)) {
      return new byte[] {b[12], b[13], b[14], b[15]}; // ::a.b.c.d (not :: or ::1)
    }
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff;
    nat64 &= (b[3] & 0xff) == 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    if (nat64) {
      return new byte[] {b[12], b[13], b[14], b[15]}; // 64:ff9b::a.b.c.d
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]}; // 2002:AABB:CCDD::/48
    }
    return null;
  }

  /**
   * Resolves {@code address} (a literal is not looked up) and checks every resulting address.
   *
   * @return the address to connect to (the first one the resolver returned)
   * @throws ForbiddenTargetException when any resolved address is refused
   * @throws UnknownHostException when the name does not resolve
   */
  public InetAddress vet(Address address, boolean allowPrivate)
      throws ForbiddenTargetException, UnknownHostException {
    return vetHost(address.value(), address.isIp(), allowPrivate);
  }

  /** As {@link #vet(Address, boolean)} for a host taken from a URI (e.g. a redirect target). */
  public InetAddress vetHost(String host, boolean allowPrivate)
      throws ForbiddenTargetException, UnknownHostException {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean literal;
    try {
      literal = Address.parse(h).isIp();
    } catch (RuntimeException e) {
      throw new UnknownHostException("not a valid host: " + abbreviate(host));
    }
    return vetHost(h, literal, allowPrivate);
  }

  private InetAddress vetHost(String host, boolean literal, boolean allowPrivate)
      throws ForbiddenTargetException, UnknownHostException {
    List<InetAddress> all = literal ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
    if (all.isEmpty()) {
      throw new UnknownHostException("no address for " + host);
    }
    for (InetAddress a : all) {
      Optional<String> why = denial(a, allowPrivate);
      if (why.isPresent()) {
        throw new ForbiddenTargetException(a.getHostAddress() + ": " + why.get());
      }
    }
    return all.getFirst();
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  private static byte[] v6(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A probe target the guard refuses; the message names the address and the rule. */
  public static final class ForbiddenTargetException extends Exception {
    public ForbiddenTargetException(String message) {
      super(message);
    }
  }
}
