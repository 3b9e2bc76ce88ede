package dev.meridian.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAuthenticatorTest {
  static final String TOKEN = "s3cr3t-token-value-0123456789abcdef";
  final TokenAuthenticator auth = new TokenAuthenticator(TOKEN);

  @Test
  void acceptsTheBearerToken_asTheLocalOperator() {
    var r = auth.authenticate(HttpRequest.GET("/v1/services").bearerAuth(TOKEN));
    assertThat(r)
        .isEqualTo(
            new Authenticator.Result.Authenticated(new Caller(TokenAuthenticator.LOCAL_IDENTITY)));
  }

  @Test
  void acceptsTheSchemeInAnyCase() {
    var r =
        auth.authenticate(
            HttpRequest.GET("/v1/services").header("Authorization", "bearer " + TOKEN));
    assertThat(r).isInstanceOf(Authenticator.Result.Authenticated.class);
  }

  @ParameterizedTest(name = "refuses Authorization: \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer s3cr3t-token-value-0123456789abcdeF",
        "Bearer s3cr3t-token-value-0123456789abcdef0",
        "Bearer s3cr3t",
        "Token s3cr3t-token-value-0123456789abcdef"
      })
  void refusesAnythingElse_withoutEchoingTheCredential(String header) {
    var r = auth.authenticate(HttpRequest.GET("/v1/services").header("Authorization", header));
    assertThat(r).isInstanceOf(Authenticator.Result.Rejected.class);
    var rejected = (Authenticator.Result.Rejected) r;
    assertThat(rejected.reason()).doesNotContain("s3cr3t");
    assertThat(rejected.challenge()).startsWith("Bearer realm=\"meridian\"");
  }

  @Test
  void refusesARequestWithoutAuthorization() {
    assertThat(auth.authenticate(HttpRequest.GET("/v1/services")))
        .isInstanceOf(Authenticator.Result.Rejected.class);
  }
}
