package dev.meridian.probe;

import static dev.meridian.core.model.Validation.require;

import dev.meridian.core.model.Validation;
import java.time.Duration;

/**
 * Process-wide settings of the probe engine.
 *
 * @param maxConcurrency probes in flight at once (each holds one socket). Lambda allows 1,024 file
 *     descriptors per execution environment; the default leaves room for the SDK, logs and the JVM.
 * @param maxRedirects redirects an HTTP probe follows (0 = never, the default); every target is
 *     vetted by the SSRF guard before it is contacted
 * @param maxBodyBytes how much of a response body is read when a body substring is configured
 * @param dnsCacheTtl how long the JVM caches successful DNS answers ({@code
 *     networkaddress.cache.ttl}); short so probes follow DNS changes
 * @param userAgent the User-Agent header of HTTP probes
 */
public record ProbeEngineConfig(
    int maxConcurrency,
    int maxRedirects,
    int maxBodyBytes,
    Duration dnsCacheTtl,
    String userAgent) {

  public static final int DEFAULT_MAX_CONCURRENCY = 256;
  public static final int MAX_CONCURRENCY_LIMIT = 900;
  public static final int DEFAULT_MAX_REDIRECTS = 0;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final Duration DEFAULT_DNS_CACHE_TTL = Duration.ofSeconds(5);
  public static final String DEFAULT_USER_AGENT = "meridian-probe/1";
  public static final ProbeEngineConfig DEFAULT =
      new ProbeEngineConfig(
          DEFAULT_MAX_CONCURRENCY,
          DEFAULT_MAX_REDIRECTS,
          DEFAULT_MAX_BODY_BYTES,
          DEFAULT_DNS_CACHE_TTL,
          DEFAULT_USER_AGENT);

  public ProbeEngineConfig {
    require(
        maxConcurrency >= 1 && maxConcurrency <= MAX_CONCURRENCY_LIMIT,
        "meridian.probe.max-concurrency",
        maxConcurrency,
        "must be between 1 and " + MAX_CONCURRENCY_LIMIT + " (Lambda allows 1,024 open files)");
    require(
        maxRedirects >= 0 && maxRedirects <= 5,
        "meridian.probe.max-redirects",
        maxRedirects,
        "must be between 0 and 5");
    require(
        maxBodyBytes >= 1 && maxBodyBytes <= 1024 * 1024,
        "meridian.probe.max-body-bytes",
        maxBodyBytes,
        "must be between 1 and 1048576");
    Validation.notNull(dnsCacheTtl, "meridian.probe.dns-cache-ttl");
    require(
        !dnsCacheTtl.isNegative() && dnsCacheTtl.compareTo(Duration.ofMinutes(5)) <= 0,
        "meridian.probe.dns-cache-ttl",
        dnsCacheTtl,
        "must be between 0s and 5m");
    require(
        userAgent != null
            && !userAgent.isBlank()
            && userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
        "meridian.probe.user-agent",
        userAgent,
        "must be non-blank printable ASCII");
  }

  public ProbeEngineConfig withMaxConcurrency(int v) {
    return new ProbeEngineConfig(v, maxRedirects, maxBodyBytes, dnsCacheTtl, userAgent);
  }

  public ProbeEngineConfig withMaxRedirects(int v) {
    return new ProbeEngineConfig(maxConcurrency, v, maxBodyBytes, dnsCacheTtl, userAgent);
  }
}
