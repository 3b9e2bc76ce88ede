package dev.meridian.infra.constructs;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The application metrics the functions emit in CloudWatch Embedded Metric Format. The names mirror
 * {@code dev.meridian.observability.MetricNames} in the functions module (infra-cdk does not depend
 * on it; a test compares the two).
 */
public final class MeridianMetrics {
  private MeridianMetrics() {}

  public static final String NAMESPACE = "Meridian";
  public static final String DIMENSION_REGION = "Region";

  public static final String PROBE_FAILURES = "ProbeFailures";
  public static final String PUBLISH_FAILURES = "PublishFailures";
  public static final String SCHEDULER_LAG_SECONDS = "SchedulerLagSeconds";
  public static final String ACTIVE_DRILLS = "ActiveDrills";
  public static final String PANIC_MODE = "PanicMode";
  public static final String ROUTE53_CALLS = "Route53Calls";
  public static final String HEALTH_WRITES_SAVED = "HealthWritesSaved";

  /** One Meridian metric for one region, at one-minute resolution. */
  public static Metric metric(String name, String region, String statistic) {
    return Metric.Builder.create()
        .namespace(NAMESPACE)
        .metricName(name)
        .dimensionsMap(Map.of(DIMENSION_REGION, region))
        .statistic(statistic)
        .period(Duration.minutes(1))
        .build();
  }
}
