package dev.meridian.api.auth;

import dev.meridian.api.ApiConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Local authentication: {@code Authorization: Bearer <token>} must carry the token of the token
 * file. Created when the HTTP server starts (not merely with any local-mode context), so that the
 * file exists before the first call and the CLI can read it. The comparison is constant-time over
 * SHA-256 digests, so neither the content nor the length of the token leaks through timing.
 */
@Singleton
@Requires(condition = AuthMode.Token.class)
public final class TokenAuthenticator implements Authenticator {
  public static final String LOCAL_IDENTITY = "local-operator";
  private static final String CHALLENGE = "Bearer realm=\"meridian\"";

  private final byte[] expectedDigest;

  public TokenAuthenticator(ApiConfiguration config) {
    this(ApiTokenFile.loadOrCreate(config.tokenFileOrDefault(), new SecureRandom()));
  }

  TokenAuthenticator(String token) {
    this.expectedDigest = sha256(token);
  }

  /** Instantiating this bean on server start-up is the point: it creates the token file. */
  @EventListener
  void onServerStartup(ServerStartupEvent event) {
    // nothing more to do
  }

  @Override
  public Result authenticate(HttpRequest<?> request) {
    Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
    if (header.isEmpty() || header.get().isBlank()) {
      return new Result.Rejected("missing bearer token (Authorization: Bearer <token>)", CHALLENGE);
    }
    String h = header.get().trim();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Result.Rejected("the Authorization header must use the Bearer scheme", CHALLENGE);
    }
    byte[] presented = sha256(h.substring(7).trim());
    if (!MessageDigest.isEqual(expectedDigest, presented)) {
      return new Result.Rejected("invalid bearer token", CHALLENGE + ", error=\"invalid_token\"");
    }
    return new Result.Authenticated(new Caller(LOCAL_IDENTITY));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
