package dev.meridian.observability;

/**
 * Where application services report metrics, by the names in {@link MetricNames}. On Lambda the
 * implementation writes CloudWatch Embedded Metric Format; locally it feeds Prometheus.
 */
public interface MeridianMetrics {
  /** Adds {@code amount} to a counter. */
  void increment(String metric, long amount);

  /** Sets a gauge to {@code value}. */
  void gauge(String metric, double value);

  default void increment(String metric) {
    increment(metric, 1);
  }

  /** Discards everything; for code paths and tests that do not care about metrics. */
  MeridianMetrics NOOP =
      new MeridianMetrics() {
        @Override
        public void increment(String metric, long amount) {}

        @Override
        public void gauge(String metric, double value) {}
      };
}
