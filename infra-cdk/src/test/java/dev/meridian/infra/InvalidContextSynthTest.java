package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad context stops the app before any stack exists, with a message that names the key. */
class InvalidContextSynthTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Map.of("regions", List.of()), "regions: list at least one AWS region"),
        Arguments.of(
            Map.of("primaryRegion", "eu-central-1"),
            "primaryRegion: 'eu-central-1' is not one of regions"),
        Arguments.of(
            Map.of("hostedZoneId", "hostedzone-1"),
            "hostedZoneId: 'hostedzone-1' is not a Route 53 hosted zone id"),
        Arguments.of(
            Map.of("functionsArtifact", "target/no-such.zip"),
            "build it with ./mvnw -pl functions -am package -DskipTests"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void synthesis_failsWithAClearMessage(Map<String, Object> overrides, String expected) {
    assertThatThrownBy(() -> MeridianApp.compose(TestApps.app(overrides), null))
        .isInstanceOf(MeridianConfig.InvalidConfigException.class)
        .hasMessageContaining(expected);
  }
}
