package dev.meridian.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.value.MapPropertyResolver;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthModeTest {
  @ParameterizedTest(name = "auth={0} mode={1} -> {2}")
  @CsvSource({
    "'', '', IAM",
    "'', aws, IAM",
    "'', local, TOKEN",
    "token, aws, TOKEN",
    "iam, local, IAM",
    "TOKEN, '', TOKEN",
  })
  void resolvesFromAuthThenMode(String auth, String mode, AuthMode expected) {
    var props = new java.util.HashMap<String, Object>();
    if (!auth.isEmpty()) {
      props.put("meridian.api.auth", auth);
    }
    if (!mode.isEmpty()) {
      props.put("meridian.mode", mode);
    }
    assertThat(AuthMode.resolve(new MapPropertyResolver(props))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void rejectsAnUnknownMode() {
    assertThatThrownBy(
            () -> AuthMode.resolve(new MapPropertyResolver(Map.of("meridian.api.auth", "none"))))
        .hasMessageContaining("meridian.api.auth must be 'iam' or 'token'");
  }
}
