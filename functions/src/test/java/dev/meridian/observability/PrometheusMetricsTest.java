package dev.meridian.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  @Test
  void scrapeListsEveryDeclaredMetric_countersCumulative_gaugesLast() {
    PrometheusMetrics metrics = new PrometheusMetrics("us-east-1");
    metrics.increment(MetricNames.PROBE_ATTEMPTS, 10);
    metrics.increment(MetricNames.PROBE_ATTEMPTS, 5);
    metrics.gauge(MetricNames.ACTIVE_DRILLS, 2);
    metrics.gauge(MetricNames.ACTIVE_DRILLS, 1);

    String text = metrics.scrape();

    assertThat(text)
        .contains("# TYPE meridian_probe_attempts_total counter\n")
        .contains("meridian_probe_attempts_total{region=\"us-east-1\"} 15\n")
        .contains("# TYPE meridian_active_drills gauge\n")
        .contains("meridian_active_drills{region=\"us-east-1\"} 1\n")
        .contains("meridian_route53_calls_total{region=\"us-east-1\"} 0\n")
        .contains("meridian_scheduler_lag_seconds{region=\"us-east-1\"} 0\n");
    long samples = text.lines().filter(l -> !l.startsWith("#")).count();
    assertThat(samples).isEqualTo(MetricUnits.ALL.size());
  }

  @Test
  void everyMetricNameConstantHasASpec() throws Exception {
    for (var f : MetricNames.class.getFields()) {
      String value = (String) f.get(null);
      if (f.getName().equals("NAMESPACE") || f.getName().startsWith("DIMENSION_")) {
        continue;
      }
      assertThat(MetricUnits.BY_NAME).as(f.getName()).containsKey(value);
    }
  }
}
