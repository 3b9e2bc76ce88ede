package dev.meridian.observability;

import java.util.List;
import java.util.Map;

/** The unit and kind of every metric in {@link MetricNames}, declared next to the names. */
public final class MetricUnits {
  private MetricUnits() {}

  /** Counters add up within a flush / since start; gauges keep their last value. */
  public enum Kind {
    COUNTER,
    GAUGE
  }

  /** A metric's CloudWatch unit and kind. */
  public record Spec(String name, String unit, Kind kind, String help) {}

  public static final List<Spec> ALL =
      List.of(
          new Spec(MetricNames.PROBE_ATTEMPTS, "Count", Kind.COUNTER, "Probes sent"),
          new Spec(MetricNames.PROBE_FAILURES, "Count", Kind.COUNTER, "Probes that failed"),
          new Spec(MetricNames.HEALTH_WRITES, "Count", Kind.COUNTER, "Health items written"),
          new Spec(
              MetricNames.HEALTH_WRITES_SAVED,
              "Count",
              Kind.COUNTER,
              "Health writes skipped because nothing changed"),
          new Spec(
              MetricNames.HEALTH_TRANSITIONS,
              "Count",
              Kind.COUNTER,
              "Endpoint and region verdict transitions"),
          new Spec(
              MetricNames.PLAN_PUBLICATIONS, "Count", Kind.COUNTER, "Plans published and stored"),
          new Spec(
              MetricNames.PUBLISH_FAILURES,
              "Count",
              Kind.COUNTER,
              "Scheduler runs that failed static"),
          new Spec(MetricNames.ROUTE53_CALLS, "Count", Kind.COUNTER, "DNS API calls"),
          new Spec(
              MetricNames.LEASE_CHANGES,
              "Count",
              Kind.COUNTER,
              "Scheduler leases acquired or lost"),
          new Spec(
              MetricNames.SCHEDULER_LAG_SECONDS,
              "Seconds",
              Kind.GAUGE,
              "Age of the oldest health transition a publication reflected"),
          new Spec(MetricNames.ACTIVE_DRILLS, "Count", Kind.GAUGE, "Drills ACTIVE"),
          new Spec(MetricNames.PANIC_MODE, "Count", Kind.GAUGE, "Services in PANIC"));

  public static final Map<String, Spec> BY_NAME =
      ALL.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Spec::name, s -> s));

  /** The spec of a declared metric; an undeclared name is a bug. */
  public static Spec of(String name) {
    Spec s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException("undeclared metric " + name + " (see MetricNames)");
    }
    return s;
  }
}
