package dev.meridian.app.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.scheduler.SchedulerSettings;
import dev.meridian.observability.EmfMetrics;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.PrometheusMetrics;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bean selection and configuration of the application wiring. */
class AppFactoryTest {
  private static ApplicationContext context(Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("aws.region", "eu-west-1");
    p.put("micronaut.server.port", -1);
    p.putAll(extra);
    return ApplicationContext.run(p);
  }

  @Test
  void onAws_metricsAreEmf_andTheSchedulerIsNamedAfterItsRegion() {
    try (ApplicationContext ctx = context(Map.of())) {
      assertThat(ctx.getBean(MeridianMetrics.class)).isInstanceOf(EmfMetrics.class);
      SchedulerSettings s = ctx.getBean(SchedulerSettings.class);
      assertThat(s.holderId()).startsWith("eu-west-1/");
      assertThat(s.leaseTtl()).isEqualTo(SchedulerSettings.DEFAULT_LEASE_TTL);
    }
  }

  @Test
  void locally_metricsArePrometheus_andSchedulerTimingsAreConfigurable() {
    try (ApplicationContext ctx =
        context(
            Map.of(
                "meridian.mode", "local",
                "meridian.vantage", "us-east-1",
                "meridian.scheduler.lease-ttl", "10s",
                "meridian.scheduler.dns-check-interval", "1m"))) {
      assertThat(ctx.getBean(MeridianMetrics.class)).isInstanceOf(PrometheusMetrics.class);
      SchedulerSettings s = ctx.getBean(SchedulerSettings.class);
      assertThat(s.holderId()).startsWith("us-east-1/");
      assertThat(s.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
      assertThat(s.dnsCheckInterval()).isEqualTo(Duration.ofMinutes(1));
    }
  }
}
