package dev.meridian.app.probe;

import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.Validation;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one vantage's probe loop.
 *
 * @param vantage the region this process probes from ({@code meridian.vantage})
 * @param intervalCap {@code meridian.probe.interval}: when set, no endpoint is probed less often
 *     than this, even if its service's {@code probe.interval} is longer (local mode uses it to make
 *     demos react quickly); unset, each service's own interval applies
 * @param refreshInterval how often the endpoint list is reloaded from the repository
 */
public record ProbeServiceConfig(
    Region vantage, Optional<Duration> intervalCap, Duration refreshInterval) {
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(15);

  public ProbeServiceConfig {
    Validation.notNull(vantage, "meridian.vantage");
    intervalCap = intervalCap == null ? Optional.empty() : intervalCap;
    intervalCap.ifPresent(
        d ->
            Validation.require(
                d.compareTo(ProbeSettings.MIN_INTERVAL) >= 0
                    && d.compareTo(ProbeSettings.MAX_INTERVAL) <= 0,
                "meridian.probe.interval",
                d,
                "must be between 1s and 5m"));
    Validation.positive(refreshInterval, "meridian.probe.refresh-interval");
  }

  public static ProbeServiceConfig of(Region vantage) {
    return new ProbeServiceConfig(vantage, Optional.empty(), DEFAULT_REFRESH_INTERVAL);
  }

  public ProbeServiceConfig withIntervalCap(Duration cap) {
    return new ProbeServiceConfig(vantage, Optional.of(cap), refreshInterval);
  }

  public ProbeServiceConfig withRefreshInterval(Duration d) {
    return new ProbeServiceConfig(vantage, intervalCap, d);
  }
}
