package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server's per-caller token bucket, with the clock moved by hand. */
class RateLimitTest {
  @TempDir Path dir;
  Stores stores;
  TestClock clock;
  LocalServerTarget api;

  @BeforeEach
  void start() {
    stores = new Stores();
    Seeds.seed(stores);
    clock = new TestClock(Seeds.NOW);
    api =
        new LocalServerTarget(
            stores,
            clock,
            dir.resolve("token"),
            Map.of(
                "meridian.api.rate-limit.enabled", true,
                "meridian.api.rate-limit.burst", 3,
                "meridian.api.rate-limit.requests-per-second", 1));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void answers429WithRetryAfter_onceTheBurstIsSpent_andRecoversAsTheBucketRefills() {
    for (int i = 0; i < 3; i++) {
      assertThat(api.send("GET", "/v1/services", null).status()).isEqualTo(200);
    }
    Stores.Snapshot before = stores.snapshot();
    var limited = api.send("PUT", "/v1/services/" + Seeds.API, "{\"ttlSeconds\":5}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("retry-after")).isEqualTo("1");
    assertThat(limited.header("content-type")).startsWith("application/problem+json");
    assertThat(limited.json().get("type").asText()).endsWith("/rate-limited");
    assertThat(stores.snapshot()).isEqualTo(before);

    clock.advance(Duration.ofSeconds(1));
    assertThat(api.send("GET", "/v1/services", null).status()).isEqualTo(200);
    assertThat(api.send("GET", "/v1/services", null).status()).isEqualTo(429);
  }

  @Test
  void throttlesTokenGuessing_perClientAddress() {
    for (int i = 0; i < 3; i++) {
      assertThat(api.send("GET", "/v1/services", null, Map.of(), ApiTarget.Auth.WRONG).status())
          .isEqualTo(401);
    }
    var limited = api.send("GET", "/v1/services", null, Map.of(), ApiTarget.Auth.WRONG);
    assertThat(limited.status()).isEqualTo(429);
    // The authenticated caller has a bucket of its own.
    assertThat(api.send("GET", "/v1/services", null).status()).isEqualTo(200);
  }

  @Test
  void neverLimitsTheHealthCheck() {
    for (int i = 0; i < 10; i++) {
      assertThat(api.send("GET", "/health", null, Map.of(), ApiTarget.Auth.NONE).status())
          .isEqualTo(200);
    }
  }
}
