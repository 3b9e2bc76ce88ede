package dev.meridian.core.health;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import java.time.Instant;
import java.util.Objects;

/**
 * One state change of one vantage's view of one endpoint, with the evidence that caused it (for the
 * audit log and the one structured log line per decision).
 *
 * @param vantage the probe region whose state machine changed
 * @param evidence what caused it, e.g. {@code "3 consecutive failures: status 503"}
 */
public record HealthTransition(
    ServiceName service,
    EndpointId endpoint,
    Region vantage,
    HealthState from,
    HealthState to,
    Instant at,
    String evidence) {
  public HealthTransition {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(vantage, "vantage");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    evidence = evidence == null ? "" : evidence;
  }

  @Override
  public String toString() {
    return service + " " + endpoint + " @" + vantage + ": " + from + " -> " + to + " (" + evidence
        + ")";
  }
}
