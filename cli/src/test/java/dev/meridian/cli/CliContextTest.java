package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliContextTest {
  @Test
  void loopbackEndpoints_useTheLocalToken_othersAreSigned() {
    assertThat(CliContext.isLoopback(URI.create("http://127.0.0.1:8787"))).isTrue();
    assertThat(CliContext.isLoopback(URI.create("http://127.0.0.42:8787"))).isTrue();
    assertThat(CliContext.isLoopback(URI.create("http://localhost:8787"))).isTrue();
    assertThat(CliContext.isLoopback(URI.create("http://[::1]:8787"))).isTrue();
    assertThat(CliContext.isLoopback(URI.create("https://abc.execute-api.us-east-1.amazonaws.com")))
        .isFalse();
    assertThat(CliContext.isLoopback(URI.create("http://10.0.0.1:8787"))).isFalse();
  }

  @Test
  void stateDirectory_fromOption_thenEnvironment_thenHome() {
    Path home = Path.of("/home/op");
    assertThat(StateDir.resolve(Path.of("/tmp/s"), Map.of("MERIDIAN_STATE_DIR", "/x"), home).path())
        .isEqualTo(Path.of("/tmp/s"));
    assertThat(StateDir.resolve(null, Map.of("MERIDIAN_STATE_DIR", "/x"), home).path())
        .isEqualTo(Path.of("/x"));
    assertThat(StateDir.resolve(null, Map.of(), home).path())
        .isEqualTo(Path.of("/home/op/.meridian"));
  }

  @Test
  void durations_acceptHumanAndIsoForms() {
    assertThat(DurationConverter.parse("15m")).hasMinutes(15);
    assertThat(DurationConverter.parse("1h30m")).hasMinutes(90);
    assertThat(DurationConverter.parse("500ms")).hasMillis(500);
    assertThat(DurationConverter.parse("90")).hasSeconds(90);
    assertThat(DurationConverter.parse("PT2M")).hasMinutes(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DurationConverter.parse("soon"))
        .hasMessageContaining("'soon' is not a duration");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DurationConverter.parse("5x"))
        .hasMessageContaining("is not a duration");
  }
}
