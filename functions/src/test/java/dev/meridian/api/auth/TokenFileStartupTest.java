package dev.meridian.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local token file appears when the API server starts, not with every local-mode context. */
class TokenFileStartupTest {
  @TempDir Path dir;

  @Test
  void createsTheTokenFile_whenTheServerStarts_only() {
    Path file = dir.resolve("api-token");
    Map<String, Object> props =
        Map.of(
            "micronaut.server.port",
            -1,
            "micronaut.server.host",
            "127.0.0.1",
            "meridian.mode",
            "local",
            "meridian.api.token-file",
            file.toString());
    try (var ctx = ApplicationContext.run(props)) {
      assertThat(Files.exists(file)).isFalse();
      try (var server = ctx.getBean(EmbeddedServer.class).start()) {
        assertThat(server.isRunning()).isTrue();
        assertThat(Files.exists(file)).isTrue();
      }
    }
  }
}
