package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.api.ratelimit.RateLimitConfiguration;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's configuration: documented defaults, and bad values fail at start-up. */
class ApiConfigurationTest {
  private static ApplicationContext context(Map<String, Object> props) {
    return ApplicationContext.builder()
        .properties(Map.of("micronaut.server.port", -1))
        .properties(props)
        .start();
  }

  @Test
  void hasTheDocumentedDefaults() {
    try (var ctx = context(Map.of())) {
      ApiConfiguration c = ctx.getBean(ApiConfiguration.class);
      assertThat(c.maxBodyBytes()).isEqualTo(65536);
      assertThat(c.maxPageSize()).isEqualTo(200);
      assertThat(c.auth()).isNull();
      assertThat(c.tokenFileOrDefault())
          .isEqualTo(Path.of(System.getProperty("user.home"), ".meridian", "api-token"));
      RateLimitConfiguration r = ctx.getBean(RateLimitConfiguration.class);
      assertThat(r.enabled()).isNull();
      assertThat(r.requestsPerSecond()).isEqualTo(20.0);
      assertThat(r.burst()).isEqualTo(40);
      assertThat(ctx.getProperty("micronaut.server.max-request-size", Integer.class))
          .contains(c.maxBodyBytes());
    }
  }

  @Test
  void refusesABodyLimitBelowOneKibibyte() {
    try (var ctx = context(Map.of("meridian.api.max-body-bytes", 10))) {
      assertThatThrownBy(() -> ctx.getBean(ApiConfiguration.class))
          .hasMessageContaining("maxBodyBytes");
    }
  }

  @Test
  void refusesAnEmptyBucket() {
    try (var ctx = context(Map.of("meridian.api.rate-limit.burst", 0))) {
      assertThatThrownBy(() -> ctx.getBean(RateLimitConfiguration.class))
          .hasMessageContaining("burst");
    }
  }
}
