package dev.meridian.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the DynamoDB and Lambda clients are built: region, optional endpoint override (dynalite,
 * LocalStack), the SDK retry strategy and timeouts. Defaults as constants.
 *
 * @param region the client region; empty means the SDK's default region provider chain
 * @param retryMode STANDARD (default) or ADAPTIVE (client-side rate limiting on throttling)
 * @param maxAttempts attempts per call, first included
 * @param baseDelay base of the exponential backoff (with jitter) after ordinary errors
 * @param throttlingBaseDelay base of the backoff after throttling errors
 * @param maxBackoff ceiling of both backoffs
 */
public record AwsClientSettings(
    Optional<String> region,
    Optional<URI> endpointOverride,
    RetryMode retryMode,
    int maxAttempts,
    Duration baseDelay,
    Duration throttlingBaseDelay,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration apiCallTimeout) {

  /** Which SDK retry strategy to use. */
  public enum RetryMode {
    ADAPTIVE,
    STANDARD;

    public static RetryMode parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "retry mode must be 'adaptive' or 'standard', got '" + s + "'", e);
      }
    }
  }

  /**
   * STANDARD: exponential backoff with jitter and a retry quota. ADAPTIVE adds a client-side rate
   * limiter that, after a throttle, can hold a bursty caller (a Lambda invocation with few
   * requests) for seconds; it is for steady heavy writers to one table.
   */
  public static final RetryMode DEFAULT_RETRY_MODE = RetryMode.STANDARD;

  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(50);
  public static final Duration DEFAULT_THROTTLING_BASE_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(30);

  public AwsClientSettings {
    region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
    endpointOverride = endpointOverride == null ? Optional.empty() : endpointOverride;
    Objects.requireNonNull(retryMode, "retryMode");
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("max attempts must be 1-20, got " + maxAttempts);
    }
    for (Duration d :
        new Duration[] {
          baseDelay, throttlingBaseDelay, maxBackoff, connectTimeout, socketTimeout, apiCallTimeout
        }) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative()) {
        throw new IllegalArgumentException("client durations must not be negative, got " + d);
      }
    }
  }

  public static AwsClientSettings defaults() {
    return new AwsClientSettings(
        Optional.empty(),
        Optional.empty(),
        DEFAULT_RETRY_MODE,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BASE_DELAY,
        DEFAULT_THROTTLING_BASE_DELAY,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_SOCKET_TIMEOUT,
        DEFAULT_API_CALL_TIMEOUT);
  }

  public AwsClientSettings withRegion(String r) {
    return new AwsClientSettings(
        Optional.ofNullable(r),
        endpointOverride,
        retryMode,
        maxAttempts,
        baseDelay,
        throttlingBaseDelay,
        maxBackoff,
        connectTimeout,
        socketTimeout,
        apiCallTimeout);
  }

  public AwsClientSettings withEndpoint(URI endpoint) {
    return new AwsClientSettings(
        region,
        Optional.ofNullable(endpoint),
        retryMode,
        maxAttempts,
        baseDelay,
        throttlingBaseDelay,
        maxBackoff,
        connectTimeout,
        socketTimeout,
        apiCallTimeout);
  }

  public AwsClientSettings withRetry(
      RetryMode mode, int attempts, Duration base, Duration throttlingBase) {
    return new AwsClientSettings(
        region,
        endpointOverride,
        mode,
        attempts,
        base,
        throttlingBase,
        maxBackoff,
        connectTimeout,
        socketTimeout,
        apiCallTimeout);
  }

  public AwsClientSettings withTimeouts(Duration connect, Duration socket, Duration apiCall) {
    return new AwsClientSettings(
        region,
        endpointOverride,
        retryMode,
        maxAttempts,
        baseDelay,
        throttlingBaseDelay,
        maxBackoff,
        connect,
        socket,
        apiCall);
  }
}
