package dev.meridian.app.registry;

import dev.meridian.core.model.Address;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable endpoint ids for registrations that do not name one: the region code and ten hex digits of
 * a SHA-256 over the natural key (region, address, port) or over the client's idempotency token.
 * The same registration therefore always lands on the same id.
 */
public final class EndpointIds {
  private EndpointIds() {}

  public static EndpointId fromNaturalKey(Region region, Address address, int port) {
    return of(region, "addr|" + region.code() + "|" + address.value() + "|" + port);
  }

  public static EndpointId fromClientToken(Region region, String clientToken) {
    return of(region, "token|" + clientToken);
  }

  private static EndpointId of(Region region, String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return EndpointId.of(region.code() + "-" + HexFormat.of().formatHex(h, 0, 5));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
