package dev.meridian.aws.route53;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Route 53 publisher behaves; defaults as constants.
 *
 * @param hostedZoneId the zone Meridian publishes into, with or without the {@code /hostedzone/}
 *     prefix (stored without it)
 * @param zoneName the zone's name (e.g. {@code example.com}); when present, a service outside it is
 *     refused before any call
 * @param rateLimitPerSecond client-side limit on Route 53 requests (Route 53 allows 5/s per
 *     account)
 * @param maxAttempts attempts per request on Throttling, PriorRequestNotComplete, 5xx and
 *     connection errors
 * @param baseBackoff first backoff (doubling, full jitter) between attempts
 * @param maxBackoff ceiling of the backoff
 * @param waitForInsync whether {@code publish} polls GetChange until INSYNC
 * @param insyncTimeout how long to poll before giving up (the change still propagates)
 * @param insyncPollInterval time between two GetChange calls
 * @param listPageSize MaxItems of one ListResourceRecordSets page (1–300)
 */
public record Route53Settings(
    String hostedZoneId,
    Optional<String> zoneName,
    double rateLimitPerSecond,
    int maxAttempts,
    Duration baseBackoff,
    Duration maxBackoff,
    boolean waitForInsync,
    Duration insyncTimeout,
    Duration insyncPollInterval,
    int listPageSize) {

  public static final double DEFAULT_RATE_LIMIT = 5;
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_INSYNC_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_INSYNC_POLL = Duration.ofSeconds(2);
  public static final int DEFAULT_LIST_PAGE_SIZE = 300;
  private static final String ZONE_PREFIX = "/hostedzone/";

  public Route53Settings {
    hostedZoneId = normalizeZoneId(hostedZoneId);
    zoneName = zoneName == null ? Optional.empty() : zoneName.map(Route53Settings::normalizeName);
    if (!(rateLimitPerSecond > 0)) {
      throw new IllegalArgumentException("rate-limit must be positive, got " + rateLimitPerSecond);
    }
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("max-attempts must be 1-20, got " + maxAttempts);
    }
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= max");
    }
    Objects.requireNonNull(insyncTimeout, "insyncTimeout");
    Objects.requireNonNull(insyncPollInterval, "insyncPollInterval");
    if (insyncTimeout.isNegative() || insyncPollInterval.isNegative()) {
      throw new IllegalArgumentException("insync timeout and poll interval must not be negative");
    }
    if (listPageSize < 1 || listPageSize > 300) {
      throw new IllegalArgumentException("list page size must be 1-300, got " + listPageSize);
    }
  }

  /** Defaults for everything but the zone. */
  public static Route53Settings defaults(String hostedZoneId) {
    return new Route53Settings(
        hostedZoneId,
        Optional.empty(),
        DEFAULT_RATE_LIMIT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BASE_BACKOFF,
        DEFAULT_MAX_BACKOFF,
        false,
        DEFAULT_INSYNC_TIMEOUT,
        DEFAULT_INSYNC_POLL,
        DEFAULT_LIST_PAGE_SIZE);
  }

  public Route53Settings withWaitForInsync(boolean wait) {
    return new Route53Settings(
        hostedZoneId,
        zoneName,
        rateLimitPerSecond,
        maxAttempts,
        baseBackoff,
        maxBackoff,
        wait,
        insyncTimeout,
        insyncPollInterval,
        listPageSize);
  }

  public Route53Settings withListPageSize(int size) {
    return new Route53Settings(
        hostedZoneId,
        zoneName,
        rateLimitPerSecond,
        maxAttempts,
        baseBackoff,
        maxBackoff,
        waitForInsync,
        insyncTimeout,
        insyncPollInterval,
        size);
  }

  public Route53Settings withZoneName(String name) {
    return new Route53Settings(
        hostedZoneId,
        Optional.of(name),
        rateLimitPerSecond,
        maxAttempts,
        baseBackoff,
        maxBackoff,
        waitForInsync,
        insyncTimeout,
        insyncPollInterval,
        listPageSize);
  }

  /**
   * {@code Z123}, {@code /hostedzone/Z123} and {@code hostedzone/Z123} all mean {@code Z123} (the
   * SDK would URL-encode a prefix into the request path).
   */
  public static String normalizeZoneId(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("hosted-zone-id is required");
    }
    String s = id.trim();
    if (s.startsWith(ZONE_PREFIX)) {
      s = s.substring(ZONE_PREFIX.length());
    } else if (s.startsWith(ZONE_PREFIX.substring(1))) {
      s = s.substring(ZONE_PREFIX.length() - 1);
    }
    if (!s.matches("[A-Za-z0-9]{1,32}")) {
      throw new IllegalArgumentException("hosted-zone-id '" + id + "' is not a Route 53 zone id");
    }
    return s;
  }

  static String normalizeName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
