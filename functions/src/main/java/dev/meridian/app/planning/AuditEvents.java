package dev.meridian.app.planning;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.ServiceName;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Builds audit events with ids that sort by time within a service ({@code <13-digit epoch
 * millis>-<8 random hex>}), so that the store's newest-first order is the event order and two
 * schedulers in different regions never collide.
 */
public final class AuditEvents {
  private final RandomGenerator random;

  public AuditEvents(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public AuditEvent create(
      ServiceName service,
      Instant at,
      AuditEvent.Kind kind,
      String actor,
      String summary,
      Map<String, String> details) {
    return new AuditEvent(service, id(at), at, kind, actor, summary, details);
  }

  String id(Instant at) {
    byte[] b = new byte[4];
    synchronized (random) {
      random.nextBytes(b);
    }
    return String.format("%013d-%s", Math.max(0, at.toEpochMilli()), HexFormat.of().formatHex(b));
  }
}
