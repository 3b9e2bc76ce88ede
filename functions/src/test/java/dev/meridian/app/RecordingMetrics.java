package dev.meridian.app;

import dev.meridian.observability.MeridianMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps counters and the last gauge values for assertions. */
public final class RecordingMetrics implements MeridianMetrics {
  private final Map<String, Long> counters = new ConcurrentHashMap<>();
  private final Map<String, Double> gauges = new ConcurrentHashMap<>();

  @Override
  public void increment(String metric, long amount) {
    counters.merge(metric, amount, Long::sum);
  }

  @Override
  public void gauge(String metric, double value) {
    gauges.put(metric, value);
  }

  public long count(String metric) {
    return counters.getOrDefault(metric, 0L);
  }

  public Double gaugeValue(String metric) {
    return gauges.get(metric);
  }
}
