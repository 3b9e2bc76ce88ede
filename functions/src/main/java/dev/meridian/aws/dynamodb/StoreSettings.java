package dev.meridian.aws.dynamodb;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the DynamoDB stores, with defaults as constants.
 *
 * @param auditRetention how long audit events (and terminal drills) live before the table's TTL
 *     removes them
 * @param healthRetention TTL of a health item after its last write: items of a vantage or endpoint
 *     that disappeared without a clean delete are garbage-collected
 * @param batchMaxAttempts attempts of one BatchWriteItem before unprocessed items are reported as a
 *     {@code StoreUnavailableException}
 * @param batchBaseBackoff first backoff between BatchWriteItem attempts (doubling, full jitter)
 * @param batchMaxBackoff ceiling of that backoff
 */
public record StoreSettings(
    Duration auditRetention,
    Duration healthRetention,
    int batchMaxAttempts,
    Duration batchBaseBackoff,
    Duration batchMaxBackoff) {
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(30);
  public static final Duration DEFAULT_HEALTH_RETENTION = Duration.ofDays(7);
  public static final int DEFAULT_BATCH_MAX_ATTEMPTS = 8;
  public static final Duration DEFAULT_BATCH_BASE_BACKOFF = Duration.ofMillis(50);
  public static final Duration DEFAULT_BATCH_MAX_BACKOFF = Duration.ofSeconds(2);
  public static final StoreSettings DEFAULT =
      new StoreSettings(
          DEFAULT_AUDIT_RETENTION,
          DEFAULT_HEALTH_RETENTION,
          DEFAULT_BATCH_MAX_ATTEMPTS,
          DEFAULT_BATCH_BASE_BACKOFF,
          DEFAULT_BATCH_MAX_BACKOFF);

  public StoreSettings {
    requirePositive(auditRetention, "auditRetention");
    requirePositive(healthRetention, "healthRetention");
    if (batchMaxAttempts < 1 || batchMaxAttempts > 20) {
      throw new IllegalArgumentException(
          "batchMaxAttempts must be between 1 and 20, got " + batchMaxAttempts);
    }
    Objects.requireNonNull(batchBaseBackoff, "batchBaseBackoff");
    Objects.requireNonNull(batchMaxBackoff, "batchMaxBackoff");
    if (batchBaseBackoff.isNegative() || batchMaxBackoff.compareTo(batchBaseBackoff) < 0) {
      throw new IllegalArgumentException(
          "batch backoff needs 0 <= base <= max, got "
              + batchBaseBackoff
              + " and "
              + batchMaxBackoff);
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
