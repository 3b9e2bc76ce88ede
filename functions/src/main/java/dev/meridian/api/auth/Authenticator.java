package dev.meridian.api.auth;

import io.micronaut.http.HttpRequest;

/**
 * Establishes the caller of a request; exactly one implementation is active per {@link AuthMode}.
 */
public interface Authenticator {
  /** The caller, or a reason why the request is not authenticated. */
  Result authenticate(HttpRequest<?> request);

  /** Outcome of {@link #authenticate}. */
  sealed interface Result {
    /** The request carries valid credentials of {@code caller}. */
    record Authenticated(Caller caller) implements Result {}

    /**
     * The request is not authenticated. {@code reason} is safe to show (it never echoes a
     * credential); {@code challenge} is the {@code WWW-Authenticate} value, if any.
     */
    record Rejected(String reason, String challenge) implements Result {}
  }
}
