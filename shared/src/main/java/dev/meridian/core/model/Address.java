package dev.meridian.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an endpoint is reached: an IPv4 literal, an IPv6 literal (without brackets) or a host name.
 * Parsing never performs a DNS lookup.
 */
public record Address(String value, Kind kind) {
  /** The form of the address, which also decides the DNS record type it can appear in. */
  public enum Kind {
    IPV4,
    IPV6,
    HOSTNAME
  }

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public Address {
    Validation.notNull(value, "address");
    Validation.notNull(kind, "address.kind");
  }

  /** Parses and classifies an address; throws {@link InvalidValueException} naming the field. */
  public static Address parse(String raw) {
    Validation.notNull(raw, "address");
    String s = raw.strip(); // never trim(): it drops control characters silently
    Validation.require(!s.isEmpty(), "address", raw, "must not be empty");
    if (IPV4.matcher(s).matches()) {
      return new Address(s, Kind.IPV4);
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf(':') >= 0) {
      Validation.require(
          IPV6_CHARS.matcher(s).matches(), "address", raw, "is not a valid IPv6 address");
      Optional<InetAddress> a = literal(s);
      Validation.require(a.isPresent(), "address", raw, "is not a valid IPv6 address");
      return new Address(a.get().getHostAddress(), Kind.IPV6);
    }
    String h = s.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    Validation.require(h.length() <= 253, "address", raw, "host name must be at most 253 chars");
    String[] labels = h.split("\\.", -1);
    for (String l : labels) {
      Validation.require(
          LABEL.matcher(l).matches(),
          "address",
          raw,
          "must be an IPv4 address, an IPv6 address or a DNS host name");
    }
    Validation.require(
        !labels[labels.length - 1].chars().allMatch(Character::isDigit),
        "address",
        raw,
        "must be an IPv4 address, an IPv6 address or a DNS host name");
    return new Address(h, Kind.HOSTNAME);
  }

  private static Optional<InetAddress> literal(String s) {
    try {
      // A string containing ':' is parsed as a literal by the JDK, never resolved.
      return Optional.of(InetAddress.getByName(s));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  public boolean isIp() {
    return kind != Kind.HOSTNAME;
  }

  @Override
  public String toString() {
    return value;
  }
}
