package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.api.auth.TokenAuthenticator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API flows on the local HTTP server with the bearer token. */
class LocalServerFlowTest extends ApiFlowContract {
  @TempDir static Path dir;
  static Stores stores;
  static TestClock clock;
  static LocalServerTarget target;

  @BeforeAll
  static void start() {
    stores = new Stores();
    clock = new TestClock(Seeds.NOW);
    target = new LocalServerTarget(stores, clock, dir.resolve("token"), Map.of());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Override
  ApiTarget api() {
    return target;
  }

  @Override
  Stores stores() {
    return stores;
  }

  @Override
  TestClock clock() {
    return clock;
  }

  @Override
  String caller() {
    return TokenAuthenticator.LOCAL_IDENTITY;
  }

  @Test
  void servesPrometheusMetricsToAuthenticatedCallersOnly() {
    var denied = target.send("GET", "/metrics", null, Map.of(), ApiTarget.Auth.NONE);
    assertThat(denied.status()).isEqualTo(401);
    var metrics = target.send("GET", "/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("content-type")).startsWith("text/plain");
  }
}
