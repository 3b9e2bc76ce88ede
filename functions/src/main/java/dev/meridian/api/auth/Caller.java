package dev.meridian.api.auth;

import io.micronaut.http.HttpRequest;

/**
 * Who is calling: an IAM principal ARN on AWS, {@code local-operator} with the local token. It is
 * recorded as the actor of every audited change.
 */
public record Caller(String identity) {
  /** Request attribute under which the guard filter stores the authenticated caller. */
  public static final String ATTRIBUTE = "meridian.caller";

  public static Caller of(HttpRequest<?> request) {
    return request
        .getAttribute(ATTRIBUTE, Caller.class)
        .orElseThrow(() -> new IllegalStateException("request passed no authentication"));
  }

  @Override
  public String toString() {
    return identity;
  }
}
