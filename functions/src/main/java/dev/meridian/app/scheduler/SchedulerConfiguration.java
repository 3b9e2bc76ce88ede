package dev.meridian.app.scheduler;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code meridian.scheduler.*}: the scheduler function to trigger (AWS) and the lease and DNS check
 * timings. Defaults are the constants of {@link SchedulerSettings}.
 */
@ConfigurationProperties("meridian.scheduler")
public class SchedulerConfiguration {
  private String function;
  private Duration leaseTtl = SchedulerSettings.DEFAULT_LEASE_TTL;
  private Duration dnsCheckInterval = SchedulerSettings.DEFAULT_DNS_CHECK_INTERVAL;

  /** Name or ARN of the scheduler function the aggregator invokes asynchronously. */
  public Optional<String> getFunction() {
    return Optional.ofNullable(function).filter(f -> !f.isBlank());
  }

  public void setFunction(String function) {
    this.function = function;
  }

  public Duration getLeaseTtl() {
    return leaseTtl;
  }

  public void setLeaseTtl(Duration leaseTtl) {
    this.leaseTtl = leaseTtl;
  }

  public Duration getDnsCheckInterval() {
    return dnsCheckInterval;
  }

  public void setDnsCheckInterval(Duration dnsCheckInterval) {
    this.dnsCheckInterval = dnsCheckInterval;
  }
}
