package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.infra.constructs.MeridianMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AlarmsTest {
  private static final String REGION = "eu-west-1";
  private static final String ALARM = "AWS::CloudWatch::Alarm";
  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = StandardDeployment.regional(REGION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Errors", "Throttles"})
  void everyFunction_hasAnAlarm(String metric) {
    assertThat(
            template.findResources(
                ALARM,
                Match.objectLike(
                    Map.of(
                        "Properties",
                        Match.objectLike(
                            Map.of("Namespace", "AWS/Lambda", "MetricName", metric))))))
        .hasSize(4);
  }

  @Test
  void aggregatorIteratorAge_alarmsAfterAMinuteBehind() {
    template.hasResourceProperties(
        ALARM,
        Match.objectLike(
            Map.of(
                "Namespace", "AWS/Lambda",
                "MetricName", "IteratorAge",
                "Statistic", "Maximum",
                "Threshold", 60_000)));
  }

  @Test
  void failedStreamBatches_alarm() {
    template.hasResourceProperties(
        ALARM,
        Match.objectLike(
            Map.of("Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        MeridianMetrics.PROBE_FAILURES,
        MeridianMetrics.PUBLISH_FAILURES,
        MeridianMetrics.SCHEDULER_LAG_SECONDS,
        MeridianMetrics.ACTIVE_DRILLS,
        MeridianMetrics.PANIC_MODE
      })
  void meridianSignals_haveRegionalAlarms(String metric) {
    template.hasResourceProperties(
        ALARM,
        Match.objectLike(
            Map.of(
                "Namespace",
                "Meridian",
                "MetricName",
                metric,
                "Dimensions",
                List.of(Map.of("Name", "Region", "Value", REGION)))));
  }

  @Test
  void everyAlarm_notifiesTheAlarmTopic_onAlarmAndOk() {
    String topic = template.findResources("AWS::SNS::Topic").keySet().iterator().next();
    template.allResourcesProperties(
        ALARM,
        Match.objectLike(
            Map.of(
                "AlarmActions", List.of(Map.of("Ref", topic)),
                "OKActions", List.of(Map.of("Ref", topic)))));
    template.hasResourceProperties(
        "AWS::SNS::Subscription",
        Match.objectLike(Map.of("Protocol", "email", "Endpoint", "oncall@example.com")));
  }

  @Test
  void dashboard_isCreatedPerRegion() {
    template.hasResourceProperties(
        "AWS::CloudWatch::Dashboard",
        Match.objectLike(Map.of("DashboardName", "Meridian-" + REGION)));
  }

  /** The functions module emits what the alarms watch: same names, same namespace. */
  @Test
  void metricNames_matchTheFunctionsModule() throws IOException {
    Path source = Path.of("../functions/src/main/java/dev/meridian/observability/MetricNames.java");
    Assumptions.assumeTrue(Files.exists(source), "functions module sources not present");
    String text = Files.readString(source);
    for (String name :
        List.of(
            MeridianMetrics.NAMESPACE,
            MeridianMetrics.DIMENSION_REGION,
            MeridianMetrics.PROBE_FAILURES,
            MeridianMetrics.PUBLISH_FAILURES,
            MeridianMetrics.SCHEDULER_LAG_SECONDS,
            MeridianMetrics.ACTIVE_DRILLS,
            MeridianMetrics.PANIC_MODE,
            MeridianMetrics.ROUTE53_CALLS,
            MeridianMetrics.HEALTH_WRITES_SAVED)) {
      assertThat(text).contains("\"" + name + "\"");
    }
  }
}
