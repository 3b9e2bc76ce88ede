package dev.meridian.observability;

/**
 * Every metric Meridian emits, declared once. Namespace {@link #NAMESPACE}, one low-cardinality
 * dimension {@link #DIMENSION_REGION}. The CDK alarms and dashboard use the same names.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String NAMESPACE = "Meridian";
  public static final String DIMENSION_REGION = "Region";

  public static final String PROBE_ATTEMPTS = "ProbeAttempts";
  public static final String PROBE_FAILURES = "ProbeFailures";
  public static final String HEALTH_WRITES = "HealthWrites";
  public static final String HEALTH_WRITES_SAVED = "HealthWritesSaved";
  public static final String HEALTH_TRANSITIONS = "HealthTransitions";
  public static final String PLAN_PUBLICATIONS = "PlanPublications";
  public static final String PUBLISH_FAILURES = "PublishFailures";
  public static final String ROUTE53_CALLS = "Route53Calls";
  public static final String LEASE_CHANGES = "LeaseChanges";
  public static final String SCHEDULER_LAG_SECONDS = "SchedulerLagSeconds";
  public static final String ACTIVE_DRILLS = "ActiveDrills";
  public static final String PANIC_MODE = "PanicMode";
}
