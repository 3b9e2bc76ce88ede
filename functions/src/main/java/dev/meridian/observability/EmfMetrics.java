package dev.meridian.observability;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link MeridianMetrics} in CloudWatch Embedded Metric Format: values accumulate during one Lambda
 * invocation and {@link #flush()} writes them as one JSON line to stdout, which the Lambda log
 * agent turns into metrics in namespace {@link MetricNames#NAMESPACE} with dimension {@link
 * MetricNames#DIMENSION_REGION}. No API calls, no extra latency. Handlers flush at the end of every
 * invocation.
 */
public final class EmfMetrics implements MeridianMetrics {
  private final String region;
  private final Clock clock;
  private final Consumer<String> sink;
  private final Map<String, Double> values = new LinkedHashMap<>();

  public EmfMetrics(String region, Clock clock, Consumer<String> sink) {
    this.region = Objects.requireNonNull(region, "region");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Writes to {@code out} (stdout on Lambda). */
  public static EmfMetrics toStream(String region, Clock clock, PrintStream out) {
    return new EmfMetrics(region, clock, line -> out.println(line));
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

  /** Writes the accumulated values as one EMF line and resets; writes nothing when empty. */
  public void flush() {
    String line;
    synchronized (this) {
      if (values.isEmpty()) {
        return;
      }
      line = render(values);
      values.clear();
    }
    sink.accept(line);
  }

  private String render(Map<String, Double> v) {
    StringBuilder metrics = new StringBuilder();
    StringBuilder fields = new StringBuilder();
    for (var e : v.entrySet()) {
      MetricUnits.Spec spec = MetricUnits.of(e.getKey());
      if (!metrics.isEmpty()) {
        metrics.append(',');
      }
      metrics
          .append("{\"Name\":\"")
          .append(spec.name())
          .append("\",\"Unit\":\"")
          .append(spec.unit())
          .append("\"}");
      fields.append(",\"").append(spec.name()).append("\":").append(number(e.getValue()));
    }
    return "{\"_aws\":{\"Timestamp\":"
        + clock.millis()
        + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
        + MetricNames.NAMESPACE
        + "\",\"Dimensions\":[[\""
        + MetricNames.DIMENSION_REGION
        + "\"]],\"Metrics\":["
        + metrics
        + "]}]},\""
        + MetricNames.DIMENSION_REGION
        + "\":\""
        + escape(region)
        + "\""
        + fields
        + "}";
  }

  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "0";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
