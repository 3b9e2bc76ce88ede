package dev.meridian.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final List<String> lines = new ArrayList<>();
  private final EmfMetrics metrics =
      new EmfMetrics("eu-west-1", Clock.fixed(NOW, ZoneOffset.UTC), lines::add);

  @Test
  void flushWritesOneEmfLine_withNamespaceDimensionUnitsAndValues() {
    metrics.increment(MetricNames.PLAN_PUBLICATIONS);
    metrics.increment(MetricNames.ROUTE53_CALLS, 2);
    metrics.increment(MetricNames.ROUTE53_CALLS, 3);
    metrics.gauge(MetricNames.SCHEDULER_LAG_SECONDS, 1.5);

    metrics.flush();

    assertThat(lines)
        .containsExactly(
            "{\"_aws\":{\"Timestamp\":"
                + NOW.toEpochMilli()
                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Meridian\",\"Dimensions\":[[\"Region\"]],"
                + "\"Metrics\":[{\"Name\":\"PlanPublications\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"Route53Calls\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"SchedulerLagSeconds\",\"Unit\":\"Seconds\"}]}]},"
                + "\"Region\":\"eu-west-1\",\"PlanPublications\":1,\"Route53Calls\":5,"
                + "\"SchedulerLagSeconds\":1.5}");
  }

  @Test
  void flushedLineIsValidJsonThatCloudWatchCanParse() throws Exception {
    metrics.increment(MetricNames.HEALTH_TRANSITIONS, 4);
    metrics.flush();

    JsonNode json = new ObjectMapper().readTree(lines.get(0));
    JsonNode directive = json.get("_aws").get("CloudWatchMetrics").get(0);
    assertThat(directive.get("Namespace").asText()).isEqualTo(MetricNames.NAMESPACE);
    assertThat(directive.get("Dimensions").get(0).get(0).asText())
        .isEqualTo(MetricNames.DIMENSION_REGION);
    String name = directive.get("Metrics").get(0).get("Name").asText();
    assertThat(json.get(name).asLong()).isEqualTo(4);
    assertThat(json.get("Region").asText()).isEqualTo("eu-west-1");
  }

  @Test
  void flushResets_andWritesNothingWhenNothingWasReported() {
    metrics.increment(MetricNames.LEASE_CHANGES);
    metrics.flush();
    metrics.flush();

    assertThat(lines).hasSize(1);
  }

  @Test
  void gaugeKeepsTheLastValueWithinAnInvocation() {
    metrics.gauge(MetricNames.PANIC_MODE, 1);
    metrics.gauge(MetricNames.PANIC_MODE, 0);
    metrics.flush();

    assertThat(lines.get(0)).endsWith("\"PanicMode\":0}");
  }

  @Test
  void rejectsAnUndeclaredMetricName() {
    assertThatThrownBy(() -> metrics.increment("SomethingElse"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SomethingElse");
  }
}
