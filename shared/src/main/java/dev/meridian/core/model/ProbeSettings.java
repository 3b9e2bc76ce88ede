package dev.meridian.core.model;

import java.time.Duration;

/**
 * How often and how strictly each vantage probes a service's endpoints.
 *
 * @param interval time between two probes of one endpoint from one vantage (1 s – 5 min)
 * @param timeout per-probe timeout; must be shorter than the interval
 * @param rise consecutive successes that mark an endpoint UP (1–10)
 * @param fall consecutive failures that mark an endpoint DOWN (1–10)
 */
public record ProbeSettings(Duration interval, Duration timeout, int rise, int fall) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_RISE = 2;
  public static final int DEFAULT_FALL = 3;
  public static final ProbeSettings DEFAULT =
      new ProbeSettings(DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RISE, DEFAULT_FALL);

  public ProbeSettings {
    Validation.positive(interval, "probe.interval");
    Validation.require(
        interval.compareTo(MIN_INTERVAL) >= 0 && interval.compareTo(MAX_INTERVAL) <= 0,
        "probe.interval",
        interval,
        "must be between 1s and 5m");
    Validation.positive(timeout, "probe.timeout");
    Validation.require(
        timeout.compareTo(interval) <= 0,
        "probe.timeout",
        timeout,
        "must not exceed probe.interval (" + interval + ")");
    Validation.inRange(rise, 1, 10, "probe.rise");
    Validation.inRange(fall, 1, 10, "probe.fall");
  }
}
