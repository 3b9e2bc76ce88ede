package dev.meridian.functions.probe;

import dev.meridian.core.health.HealthWritePolicy;
import dev.meridian.probe.ProbeEngineConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code meridian.probe.*}: the probe function's settings (env vars {@code MERIDIAN_PROBE_*}). Each
 * value is validated when the engine, the service or the write policy is built, failing with a
 * message that names the property.
 */
@ConfigurationProperties("meridian.probe")
public class ProbeProperties {
  /** Longest a probe invocation runs: the schedule is per minute. */
  public static final Duration DEFAULT_MAX_RUN = Duration.ofSeconds(55);

  /** Time left unused at the end of an invocation (the last health write, the response). */
  public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(5);

  private boolean enabled;
  private int shards = 1;
  private Duration interval;
  private Duration refreshInterval =
      dev.meridian.app.probe.ProbeServiceConfig.DEFAULT_REFRESH_INTERVAL;
  private Duration maxRun = DEFAULT_MAX_RUN;
  private Duration safetyMargin = DEFAULT_SAFETY_MARGIN;
  private int maxConcurrency = ProbeEngineConfig.DEFAULT_MAX_CONCURRENCY;
  private int maxRedirects = ProbeEngineConfig.DEFAULT_MAX_REDIRECTS;
  private int maxBodyBytes = ProbeEngineConfig.DEFAULT_MAX_BODY_BYTES;
  private Duration dnsCacheTtl = ProbeEngineConfig.DEFAULT_DNS_CACHE_TTL;
  private String userAgent = ProbeEngineConfig.DEFAULT_USER_AGENT;
  private Duration heartbeat = HealthWritePolicy.DEFAULT_HEARTBEAT;
  private double latencyChangeFraction = HealthWritePolicy.DEFAULT_LATENCY_CHANGE_FRACTION;

  /** Whether the probe beans exist in this context (the probe handler and local mode set it). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Number of shards (one scheduled invocation each); the event's {@code shards} wins. */
  public int getShards() {
    return shards;
  }

  public void setShards(int shards) {
    this.shards = shards;
  }

  /** Optional cap on every service's probe interval (see {@code ProbeServiceConfig}). */
  public Optional<Duration> getInterval() {
    return Optional.ofNullable(interval);
  }

  public void setInterval(Duration interval) {
    this.interval = interval;
  }

  public Duration getRefreshInterval() {
    return refreshInterval;
  }

  public void setRefreshInterval(Duration refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  public Duration getMaxRun() {
    return maxRun;
  }

  public void setMaxRun(Duration maxRun) {
    this.maxRun = maxRun;
  }

  public Duration getSafetyMargin() {
    return safetyMargin;
  }

  public void setSafetyMargin(Duration safetyMargin) {
    this.safetyMargin = safetyMargin;
  }

  public int getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(int maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }

  public int getMaxRedirects() {
    return maxRedirects;
  }

  public void setMaxRedirects(int maxRedirects) {
    this.maxRedirects = maxRedirects;
  }

  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public void setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public Duration getDnsCacheTtl() {
    return dnsCacheTtl;
  }

  public void setDnsCacheTtl(Duration dnsCacheTtl) {
    this.dnsCacheTtl = dnsCacheTtl;
  }

  public String getUserAgent() {
    return userAgent;
  }

  public void setUserAgent(String userAgent) {
    this.userAgent = userAgent;
  }

  public Duration getHeartbeat() {
    return heartbeat;
  }

  public void setHeartbeat(Duration heartbeat) {
    this.heartbeat = heartbeat;
  }

  public double getLatencyChangeFraction() {
    return latencyChangeFraction;
  }

  public void setLatencyChangeFraction(double latencyChangeFraction) {
    this.latencyChangeFraction = latencyChangeFraction;
  }

  public ProbeEngineConfig engineConfig() {
    return new ProbeEngineConfig(
        maxConcurrency, maxRedirects, maxBodyBytes, dnsCacheTtl, userAgent);
  }

  public HealthWritePolicy writePolicy() {
    return new HealthWritePolicy(heartbeat, latencyChangeFraction);
  }

  /**
   * How long one invocation probes: the Lambda's remaining time minus the safety margin, never more
   * than {@code max-run}; zero when there is no time left.
   */
  public Duration budget(Optional<Duration> remaining) {
    Duration b = remaining.map(r -> r.minus(safetyMargin)).orElse(maxRun);
    if (b.compareTo(maxRun) > 0) {
      b = maxRun;
    }
    return b.isNegative() ? Duration.ZERO : b;
  }
}
