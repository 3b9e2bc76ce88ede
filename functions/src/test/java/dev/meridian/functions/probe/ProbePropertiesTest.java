package dev.meridian.functions.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.probe.ProbeService;
import dev.meridian.probe.ProbeEngine;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbePropertiesTest {
  @Test
  void budget_isTheRemainingTimeMinusTheMargin_cappedAtMaxRun() {
    ProbeProperties p = new ProbeProperties();

    assertThat(p.budget(Optional.of(Duration.ofSeconds(60)))).isEqualTo(Duration.ofSeconds(55));
    assertThat(p.budget(Optional.of(Duration.ofSeconds(900)))).isEqualTo(Duration.ofSeconds(55));
    assertThat(p.budget(Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(25));
    assertThat(p.budget(Optional.of(Duration.ofSeconds(3)))).isZero();
    assertThat(p.budget(Optional.empty())).isEqualTo(Duration.ofSeconds(55));
  }

  @Test
  void invalidSettings_failNamingTheProperty() {
    ProbeProperties p = new ProbeProperties();
    p.setMaxConcurrency(5000);
    assertThatThrownBy(p::engineConfig).hasMessageContaining("meridian.probe.max-concurrency");
    p.setMaxConcurrency(10);
    p.setHeartbeat(Duration.ZERO);
    assertThatThrownBy(p::writePolicy).hasMessageContaining("heartbeat");
  }

  @Test
  void probeBeans_existOnlyWhenEnabled_andBindMeridianProbeSettings() {
    Map<String, Object> base =
        Map.of(
            "aws.region", "eu-west-1",
            "micronaut.server.port", -1,
            "meridian.aws.dynamodb-endpoint", "http://127.0.0.1:1",
            "meridian.route53.hosted-zone-id", "Z0123456789ABC");
    try (ApplicationContext ctx = ApplicationContext.run(base)) {
      assertThat(ctx.getBeansOfType(ProbeEngine.class)).isEmpty();
      assertThat(ctx.getBeansOfType(ProbeService.class)).isEmpty();
    }
    Map<String, Object> enabled = new java.util.HashMap<>(base);
    enabled.put("meridian.probe.enabled", true);
    enabled.put("meridian.probe.max-concurrency", 64);
    enabled.put("meridian.probe.interval", "3s");
    enabled.put("meridian.probe.shards", 4);
    try (ApplicationContext ctx = ApplicationContext.run(enabled)) {
      assertThat(ctx.getBean(ProbeEngine.class).maxConcurrency()).isEqualTo(64);
      ProbeService service = ctx.getBean(ProbeService.class);
      assertThat(service.config().vantage().code())
          .as("defaults to aws.region")
          .isEqualTo("eu-west-1");
      assertThat(service.config().intervalCap()).hasValue(Duration.ofSeconds(3));
      assertThat(ctx.getBean(ProbeProperties.class).getShards()).isEqualTo(4);
    }
  }
}
