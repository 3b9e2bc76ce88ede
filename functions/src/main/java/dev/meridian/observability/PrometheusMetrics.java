package dev.meridian.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link MeridianMetrics} for local mode, rendered in the Prometheus text exposition format
 * (version 0.0.4) by {@link #scrape()}, which the API serves at {@code /metrics}. Counters are
 * cumulative ({@code meridian_<snake_name>_total}), gauges keep their last value; every declared
 * metric is always present (zero until reported) so that dashboards see stable series. A small
 * hand-written registry: twelve series do not justify a metrics library in the Lambda jar.
 */
public final class PrometheusMetrics implements MeridianMetrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final String region;
  private final Map<String, Double> values = new LinkedHashMap<>();

  public PrometheusMetrics(String region) {
    this.region = Objects.requireNonNull(region, "region");
    MetricUnits.ALL.forEach(s -> values.put(s.name(), 0.0));
  }

  @Override
  public synchronized void increment(String metric, long amount) {
    MetricUnits.of(metric);
    values.merge(metric, (double) amount, Double::sum);
  }

  @Override
  public synchronized void gauge(String metric, double value) {
    MetricUnits.of(metric);
    values.put(metric, value);
  }

  /** The current values in the Prometheus text format. */
  public synchronized String scrape() {
    StringBuilder b = new StringBuilder();
    String labels = "{" + "region=\"" + label(region) + "\"}";
    for (MetricUnits.Spec spec : MetricUnits.ALL) {
      String name = promName(spec);
      String type = spec.kind() == MetricUnits.Kind.COUNTER ? "counter" : "gauge";
      b.append("# HELP ").append(name).append(' ').append(spec.help()).append('\n');
      b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      b.append(name)
          .append(labels)
          .append(' ')
          .append(EmfMetrics.number(values.get(spec.name())))
          .append('\n');
    }
    return b.toString();
  }

  /** {@code PlanPublications} → {@code meridian_plan_publications_total}. */
  static String promName(MetricUnits.Spec spec) {
    String snake = spec.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    return "meridian_" + snake + (spec.kind() == MetricUnits.Kind.COUNTER ? "_total" : "");
  }

  private static String label(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
