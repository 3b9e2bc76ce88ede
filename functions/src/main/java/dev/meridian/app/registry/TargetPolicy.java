package dev.meridian.app.registry;

import dev.meridian.core.model.Address;
import dev.meridian.core.model.InvalidValueException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Registration-time check of a probe target (SSRF defence, first line): a pure look at the literal
 * address, never a DNS lookup. The probe's runtime guard checks the resolved address again.
 *
 * <ul>
 *   <li>always refused: link-local and cloud metadata (169.254.0.0/16, fe80::/10, fd00:ec2::254,
 *       their IPv4-mapped forms, well-known metadata host names), unspecified, "this network"
 *       (0.0.0.0/8), multicast and broadcast;
 *   <li>refused unless the service sets {@code allowPrivateTargets}: loopback (127.0.0.0/8, ::1,
 *       localhost), private (10/8, 172.16/12, 192.168/16), shared CGNAT (100.64/10), IPv6 unique
 *       local (fc00::/7).
 * </ul>
 */
public final class TargetPolicy {
  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata",
          "metadata.google.internal",
          "metadata.goog",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal");

  private TargetPolicy() {}

  /** What a literal target is, for the checks. */
  enum Verdict {
    PUBLIC,
    PRIVATE,
    FORBIDDEN
  }

  /**
   * Throws {@link ForbiddenTargetException} on {@code address} when the target may not be probed.
   *
   * @param allowPrivate the service's {@code allowPrivateTargets}
   */
  public static void check(Address address, boolean allowPrivate) {
    Verdict v = classify(address);
    if (v == Verdict.FORBIDDEN) {
      throw new ForbiddenTargetException(
          "address",
          "address "
              + address.value()
              + " is a link-local, metadata, multicast or unspecified address and can never be"
              + " probed");
    }
    if (v == Verdict.PRIVATE && !allowPrivate) {
      throw new ForbiddenTargetException(
          "address",
          "address "
              + address.value()
              + " is a loopback or private address; set allowPrivateTargets on the service to"
              + " allow it");
    }
  }

  static Verdict classify(Address address) {
    return switch (address.kind()) {
      case HOSTNAME -> classifyHost(address.value());
      case IPV4, IPV6 -> classifyIp(parseLiteral(address.value()));
    };
  }

  private static Verdict classifyHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (METADATA_HOSTS.contains(h)) {
      return Verdict.FORBIDDEN;
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return Verdict.PRIVATE;
    }
    return Verdict.PUBLIC;
  }

  private static InetAddress parseLiteral(String literal) {
    try {
      // Address.parse has already checked this is an IP literal: no lookup happens.
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new InvalidValueException("address", literal, "is not a valid IP address");
    }
  }

  static Verdict classifyIp(InetAddress a) {
    if (a instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      if (isIpv4Mapped(b) || isIpv4Compatible(b)) {
        return classifyV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
      return classifyV6(b);
    }
    return classifyV4(((Inet4Address) a).getAddress());
  }

  private static Verdict classifyV4(byte[] b) {
    int o1 = b[0] & 0xff;
    int o2 = b[1] & 0xff;
    if (o1 == 169 && o2 == 254) {
      return Verdict.FORBIDDEN; // link-local, includes the 169.254.169.254 metadata service
    }
    if (o1 == 0 || o1 >= 224) {
      return Verdict.FORBIDDEN; // "this network", multicast, reserved, broadcast
    }
    if (o1 == 127 || o1 == 10) {
      return Verdict.PRIVATE;
    }
    if (o1 == 172 && o2 >= 16 && o2 <= 31) {
      return Verdict.PRIVATE;
    }
    if (o1 == 192 && o2 == 168) {
      return Verdict.PRIVATE;
    }
    if (o1 == 100 && o2 >= 64 && o2 <= 127) {
      return Verdict.PRIVATE;
    }
    return Verdict.PUBLIC;
  }

  private static Verdict classifyV6(byte[] b) {
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return Verdict.FORBIDDEN; // fe80::/10 link-local
    }
    if (b0 == 0xff) {
      return Verdict.FORBIDDEN; // multicast
    }
    if (isAllZero(b, 0, 16)) {
      return Verdict.FORBIDDEN; // ::
    }
    if (isAllZero(b, 0, 15) && b[15] == 1) {
      return Verdict.PRIVATE; // ::1
    }
    if (b0 == 0xfd && b1 == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
      // fd00:ec2::/32 hosts the EC2 IPv6 metadata (fd00:ec2::254) and DNS (fd00:ec2::253).
      return Verdict.FORBIDDEN;
    }
    if ((b0 & 0xfe) == 0xfc) {
      return Verdict.PRIVATE; // fc00::/7 unique local
    }
    return Verdict.PUBLIC;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    return isAllZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static boolean isIpv4Compatible(byte[] b) {
    // ::a.b.c.d (deprecated) — but not :: and ::1, which are classified as IPv6.
    return isAllZero(b, 0, 12) && !isAllZero(b, 12, 15);
  }

  private static boolean isAllZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
