package dev.meridian.core.health;

import dev.meridian.core.model.Validation;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a probe region writes a vantage record to the health table. Writing every probe result would
 * cost one write per endpoint × vantage × interval; the aggregator only needs changes, and
 * staleness only needs a periodic sign of life. So a record is written when:
 *
 * <ul>
 *   <li>nothing was written yet;
 *   <li>its state or its flap-damping suppression changed;
 *   <li>its latency EWMA moved by more than {@code latencyChangeFraction} of the last written
 *       value;
 *   <li>{@code heartbeat} has elapsed since the last written {@code lastProbeAt}.
 * </ul>
 *
 * <p>{@code heartbeat} must stay well under the services' {@code staleness} (default 150 s), or a
 * quiet but alive vantage would be counted as stale.
 *
 * @param heartbeat maximum time between two writes of an unchanged record
 * @param latencyChangeFraction relative EWMA change that is worth a write (0 writes every change)
 */
public record HealthWritePolicy(Duration heartbeat, double latencyChangeFraction) {
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
  public static final double DEFAULT_LATENCY_CHANGE_FRACTION = 0.5;
  public static final HealthWritePolicy DEFAULT =
      new HealthWritePolicy(DEFAULT_HEARTBEAT, DEFAULT_LATENCY_CHANGE_FRACTION);

  public HealthWritePolicy {
    Validation.positive(heartbeat, "heartbeat");
    Validation.inRange(latencyChangeFraction, 0.0, 100.0, "latencyChangeFraction");
  }

  /** Whether {@code next} should be written, given what was last written for the same item. */
  public boolean shouldWrite(Optional<VantageHealth> lastWritten, VantageHealth next, Instant now) {
    if (lastWritten.isEmpty()) {
      return true;
    }
    VantageHealth last = lastWritten.get();
    if (last.state() != next.state() || last.suppressed() != next.suppressed()) {
      return true;
    }
    double before = last.latencyEwmaMillis();
    double after = next.latencyEwmaMillis();
    if (before <= 0 ? after > 0 : Math.abs(after - before) > latencyChangeFraction * before) {
      return true;
    }
    return Duration.between(last.lastProbeAt(), now).compareTo(heartbeat) >= 0;
  }
}
