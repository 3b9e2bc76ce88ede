package dev.meridian.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one probe of one endpoint from one vantage.
 *
 * @param failure why the probe failed (empty when it succeeded), e.g. "status 503", "timeout"
 * @param latency time to the response (or to the failure)
 * @param httpStatus the HTTP status when one was received
 */
public record ProbeResult(
    ServiceName service,
    EndpointId endpoint,
    Region vantage,
    Instant at,
    Optional<String> failure,
    Duration latency,
    OptionalInt httpStatus) {

  public ProbeResult {
    Validation.notNull(service, "service");
    Validation.notNull(endpoint, "endpoint");
    Validation.notNull(vantage, "vantage");
    Validation.notNull(at, "at");
    failure = failure == null ? Optional.empty() : failure;
    Validation.nonNegative(latency, "latency");
    httpStatus = httpStatus == null ? OptionalInt.empty() : httpStatus;
  }

  public static ProbeResult ok(
      ServiceName service, EndpointId endpoint, Region vantage, Instant at, Duration latency) {
    return new ProbeResult(
        service, endpoint, vantage, at, Optional.empty(), latency, OptionalInt.empty());
  }

  public static ProbeResult failed(
      ServiceName service,
      EndpointId endpoint,
      Region vantage,
      Instant at,
      String reason,
      Duration latency) {
    return new ProbeResult(
        service, endpoint, vantage, at, Optional.of(reason), latency, OptionalInt.empty());
  }

  public boolean ok() {
    return failure.isEmpty();
  }
}
