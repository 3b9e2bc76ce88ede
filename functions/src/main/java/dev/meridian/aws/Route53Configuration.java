package dev.meridian.aws;

import dev.meridian.aws.route53.Route53Settings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code meridian.route53.*}: the hosted zone (id with or without {@code /hostedzone/}, and its
 * name), an optional endpoint override, the signing region ({@code aws-global} by default), the
 * client-side rate limit (default 5 requests/s), retries, and whether to wait for INSYNC.
 */
@ConfigurationProperties("meridian.route53")
public class Route53Configuration {
  private String hostedZoneId;
  private String zoneName;
  private URI endpoint;
  private String region = "aws-global";
  private double rateLimit = Route53Settings.DEFAULT_RATE_LIMIT;
  private int maxAttempts = Route53Settings.DEFAULT_MAX_ATTEMPTS;
  private boolean waitForInsync = false;
  private Duration insyncTimeout = Route53Settings.DEFAULT_INSYNC_TIMEOUT;
  private Duration insyncPollInterval = Route53Settings.DEFAULT_INSYNC_POLL;

  public String getHostedZoneId() {
    return hostedZoneId;
  }

  public void setHostedZoneId(String hostedZoneId) {
    this.hostedZoneId = hostedZoneId;
  }

  public String getZoneName() {
    return zoneName;
  }

  public void setZoneName(String zoneName) {
    this.zoneName = zoneName;
  }

  public URI getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(URI endpoint) {
    this.endpoint = endpoint;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public double getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(double rateLimit) {
    this.rateLimit = rateLimit;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public boolean isWaitForInsync() {
    return waitForInsync;
  }

  public void setWaitForInsync(boolean waitForInsync) {
    this.waitForInsync = waitForInsync;
  }

  public Duration getInsyncTimeout() {
    return insyncTimeout;
  }

  public void setInsyncTimeout(Duration insyncTimeout) {
    this.insyncTimeout = insyncTimeout;
  }

  public Duration getInsyncPollInterval() {
    return insyncPollInterval;
  }

  public void setInsyncPollInterval(Duration insyncPollInterval) {
    this.insyncPollInterval = insyncPollInterval;
  }

  /** Validated settings; fails naming the property when the zone id is missing or malformed. */
  public Route53Settings settings() {
    if (hostedZoneId == null || hostedZoneId.isBlank()) {
      throw new IllegalStateException(
          "meridian.route53.hosted-zone-id is required when meridian.dns.publisher=route53");
    }
    return new Route53Settings(
        hostedZoneId,
        Optional.ofNullable(zoneName).filter(z -> !z.isBlank()),
        rateLimit,
        maxAttempts,
        Route53Settings.DEFAULT_BASE_BACKOFF,
        Route53Settings.DEFAULT_MAX_BACKOFF,
        waitForInsync,
        insyncTimeout,
        insyncPollInterval,
        Route53Settings.DEFAULT_LIST_PAGE_SIZE);
  }
}
