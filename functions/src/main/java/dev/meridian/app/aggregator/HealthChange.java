package dev.meridian.app.aggregator;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of one vantage's health record, as the health table's stream (or local mode's
 * in-process queue) reports it.
 *
 * @param id the change's position in its stream (the stream record's sequence number), reported
 *     back when it could not be processed
 * @param before the record before the change; empty when it was created
 * @param after the record after the change; empty when it was removed (endpoint deregistered, TTL)
 */
public record HealthChange(
    String id,
    ServiceName service,
    EndpointId endpoint,
    Region vantage,
    Optional<VantageHealth> before,
    Optional<VantageHealth> after) {
  public HealthChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(vantage, "vantage");
    before = before == null ? Optional.empty() : before;
    after = after == null ? Optional.empty() : after;
  }

  /** A change built from the records' images (at least one of them present). */
  public static HealthChange of(
      String id, Optional<VantageHealth> before, Optional<VantageHealth> after) {
    VantageHealth any =
        after
            .or(() -> before)
            .orElseThrow(() -> new IllegalArgumentException("a change needs an image"));
    return new HealthChange(id, any.service(), any.endpoint(), any.vantage(), before, after);
  }
}
