package dev.meridian.infra.constructs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The alarms of one region: errors and throttles of every function, the aggregator's stream
 * iterator age and failed batches, and Meridian's own signals (probe failures, publish failures,
 * scheduler lag, an active drill, PANIC mode). Each notifies the given topics on ALARM and OK.
 * Missing data never alarms: an idle function emits no Errors datapoint.
 */
public final class MeridianAlarms extends Construct {
  private static final Duration PERIOD = Duration.minutes(1);

  /**
   * @param functions by the name used in alarm ids and descriptions, e.g. "Probe"
   * @param streamConsumer the function reading the health table's stream (iterator age)
   * @param streamFailures the on-failure destination of that stream's event source mapping
   */
  public record Props(
      String region,
      Map<String, IFunction> functions,
      IFunction streamConsumer,
      IQueue streamFailures,
      IHttpApi api,
      List<ITopic> actionTopics) {
    public Props {
      Objects.requireNonNull(region, "region");
      functions = Map.copyOf(functions);
      Objects.requireNonNull(streamConsumer, "streamConsumer");
      Objects.requireNonNull(streamFailures, "streamFailures");
      Objects.requireNonNull(api, "api");
      actionTopics = List.copyOf(actionTopics);
    }
  }

  private final Map<String, Alarm> alarms = new LinkedHashMap<>();
  private final List<ITopic> notify;

  public MeridianAlarms(Construct scope, String id, Props props) {
    super(scope, id);
    notify = props.actionTopics();
    String region = props.region();
    MetricOptions sum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    MetricOptions max = MetricOptions.builder().statistic("Maximum").period(PERIOD).build();

    props.functions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String name = e.getKey();
              IFunction fn = e.getValue();
              alarm(
                  name + "Errors",
                  fn.metricErrors(sum),
                  1,
                  5,
                  3,
                  "The "
                      + name
                      + " function failed in 3 of the last 5 minutes in "
                      + region
                      + ". Check its log group.");
              alarm(
                  name + "Throttles",
                  fn.metricThrottles(sum),
                  1,
                  5,
                  3,
                  "The "
                      + name
                      + " function was throttled in 3 of the last 5 minutes in "
                      + region
                      + ". Check the account's concurrency and reserved concurrency.");
            });

    alarm(
        "AggregatorIteratorAge",
        props.streamConsumer().metric("IteratorAge", max),
        60_000,
        5,
        3,
        "The aggregator is more than a minute behind the health table stream in "
            + region
            + ": failover decisions are delayed (the one-minute reconcile still runs).");
    alarm(
        "AggregatorFailedBatches",
        props.streamFailures().metricApproximateNumberOfMessagesVisible(max),
        1,
        1,
        1,
        "Health stream batches the aggregator gave up on (after retries) are waiting in the"
            + " on-failure queue in "
            + region
            + ".");
    alarm(
        "ProbeFailures",
        MeridianMetrics.metric(MeridianMetrics.PROBE_FAILURES, region, "Sum"),
        1,
        5,
        5,
        "Probes from "
            + region
            + " have failed for 5 minutes in a row: an endpoint is down or"
            + " unreachable from this vantage.");
    alarm(
        "PublishFailures",
        MeridianMetrics.metric(MeridianMetrics.PUBLISH_FAILURES, region, "Sum"),
        1,
        3,
        2,
        "The scheduler in " + region + " failed to publish the routing plan to Route 53.");
    alarm(
        "SchedulerLag",
        MeridianMetrics.metric(MeridianMetrics.SCHEDULER_LAG_SECONDS, region, "Maximum"),
        180,
        3,
        3,
        "The published routing plan in "
            + region
            + " lags the desired plan by 3 minutes or"
            + " more.");
    alarm(
        "DrillActive",
        MeridianMetrics.metric(MeridianMetrics.ACTIVE_DRILLS, region, "Maximum"),
        1,
        1,
        1,
        "A failover drill is running (seen from " + region + "). OK when it ends.");
    alarm(
        "PanicMode",
        MeridianMetrics.metric(MeridianMetrics.PANIC_MODE, region, "Maximum"),
        1,
        1,
        1,
        "A service is in PANIC mode (seen from "
            + region
            + "): no region is healthy, so"
            + " traffic goes to all of them.");
    alarm(
        "ApiServerErrors",
        props.api().metricServerError(sum),
        5,
        5,
        3,
        "The Meridian API in "
            + region
            + " returned 5 or more 5xx responses a minute in 3 of"
            + " the last 5 minutes.");
  }

  private void alarm(
      String id,
      IMetric metric,
      double threshold,
      int evaluationPeriods,
      int datapointsToAlarm,
      String description) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .metric(metric)
            .threshold(threshold)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .evaluationPeriods(evaluationPeriods)
            .datapointsToAlarm(datapointsToAlarm)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .alarmDescription(description)
            .build();
    for (ITopic topic : notify) {
      alarm.addAlarmAction(new SnsAction(topic));
      alarm.addOkAction(new SnsAction(topic));
    }
    alarms.put(id, alarm);
  }

  /** The alarms by id, e.g. "ProbeFailures", "SchedulerErrors". */
  public Map<String, Alarm> alarms() {
    return Map.copyOf(alarms);
  }
}
