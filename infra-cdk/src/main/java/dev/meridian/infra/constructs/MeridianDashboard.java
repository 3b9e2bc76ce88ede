package dev.meridian.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard per region: alarm states, the pipeline's signals, the functions, the
 * API.
 */
public final class MeridianDashboard extends Construct {
  private static final int WIDTH = 12;
  private static final int HEIGHT = 6;

  public record Props(
      String dashboardName,
      String region,
      Map<String, IFunction> functions,
      IFunction streamConsumer,
      IHttpApi api,
      List<IAlarm> alarms) {
    public Props {
      Objects.requireNonNull(dashboardName, "dashboardName");
      Objects.requireNonNull(region, "region");
      functions = Map.copyOf(functions);
      Objects.requireNonNull(streamConsumer, "streamConsumer");
      Objects.requireNonNull(api, "api");
      alarms = List.copyOf(alarms);
    }
  }

  private final Dashboard dashboard;

  public MeridianDashboard(Construct scope, String id, Props props) {
    super(scope, id);
    String region = props.region();
    List<String> names = props.functions().keySet().stream().sorted().toList();

    dashboard =
        Dashboard.Builder.create(this, "Dashboard").dashboardName(props.dashboardName()).build();
    dashboard.addWidgets(
        TextWidget.Builder.create()
            .markdown(
                "# Meridian "
                    + region
                    + "\nprobe → health stream → aggregator → scheduler → Route 53")
            .width(24)
            .height(2)
            .build());
    dashboard.addWidgets(
        AlarmStatusWidget.Builder.create()
            .title("Alarms")
            .alarms(props.alarms())
            .width(24)
            .build());
    dashboard.addWidgets(
        graph(
            "Routing",
            List.of(
                MeridianMetrics.metric(MeridianMetrics.PANIC_MODE, region, "Maximum"),
                MeridianMetrics.metric(MeridianMetrics.ACTIVE_DRILLS, region, "Maximum"),
                MeridianMetrics.metric(MeridianMetrics.SCHEDULER_LAG_SECONDS, region, "Maximum"))),
        graph(
            "Probes and publishing",
            List.of(
                MeridianMetrics.metric(MeridianMetrics.PROBE_FAILURES, region, "Sum"),
                MeridianMetrics.metric(MeridianMetrics.PUBLISH_FAILURES, region, "Sum"),
                MeridianMetrics.metric(MeridianMetrics.ROUTE53_CALLS, region, "Sum"),
                MeridianMetrics.metric(MeridianMetrics.HEALTH_WRITES_SAVED, region, "Sum"))));
    dashboard.addWidgets(
        graph("Invocations", each(props, names, "Sum", IFunction::metricInvocations)),
        graph("Errors", each(props, names, "Sum", IFunction::metricErrors)));
    dashboard.addWidgets(
        graph("Duration p99 (ms)", each(props, names, "p99", IFunction::metricDuration)),
        graph("Throttles", each(props, names, "Sum", IFunction::metricThrottles)));
    dashboard.addWidgets(
        graph(
            "Aggregator stream iterator age (ms)",
            List.of(
                props.streamConsumer().metric("IteratorAge", options("Maximum", "IteratorAge")))),
        graph(
            "API",
            List.of(
                props.api().metricCount(options("Sum", "Requests")),
                props.api().metricClientError(options("Sum", "4xx")),
                props.api().metricServerError(options("Sum", "5xx")))));
  }

  /** One line per function, labelled with the function's role rather than its generated name. */
  private static List<IMetric> each(
      Props props,
      List<String> names,
      String statistic,
      BiFunction<IFunction, MetricOptions, IMetric> metric) {
    List<IMetric> metrics = new ArrayList<>();
    for (String name : names) {
      metrics.add(metric.apply(props.functions().get(name), options(statistic, name)));
    }
    return metrics;
  }

  private static MetricOptions options(String statistic, String label) {
    return MetricOptions.builder()
        .statistic(statistic)
        .label(label)
        .period(Duration.minutes(1))
        .build();
  }

  private static IWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create()
        .title(title)
        .left(metrics)
        .width(WIDTH)
        .height(HEIGHT)
        .build();
  }

  public Dashboard dashboard() {
    return dashboard;
  }
}
