package dev.meridian.app.probe;

import dev.meridian.observability.MeridianMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts what an application service reports. */
final class RecordingMetrics implements MeridianMetrics {
  final Map<String, Long> counters = new ConcurrentHashMap<>();

  @Override
  public void increment(String metric, long amount) {
    counters.merge(metric, amount, Long::sum);
  }

  @Override
  public void gauge(String metric, double value) {}

  long get(String metric) {
    return counters.getOrDefault(metric, 0L);
  }
}
