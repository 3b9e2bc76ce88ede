package dev.meridian.core.model;

import java.util.List;
import java.util.Optional;

/**
 * One DNS record set as Route 53 models it: name, type, TTL, values and a routing flavour. The
 * identity of a record set is (name, type, setIdentifier).
 *
 * @param setIdentifier required for every routing flavour except {@link Routing.Simple}; Meridian's
 *     own identifiers start with {@link #OWNER_PREFIX}
 * @param healthCheckId optional Route 53 health check (planned data-plane failover, see DESIGN.md)
 */
public record DnsRecordSet(
    String name,
    RecordType type,
    long ttlSeconds,
    Optional<String> setIdentifier,
    Routing routing,
    List<String> values,
    Optional<String> healthCheckId) {

  /** Prefix of every SetIdentifier Meridian creates; records without it are never touched. */
  public static final String OWNER_PREFIX = "meridian-";

  public DnsRecordSet {
    Validation.notNull(name, "name");
    Validation.notNull(type, "type");
    Validation.require(ttlSeconds >= 0, "ttl", ttlSeconds, "must be >= 0");
    setIdentifier = setIdentifier == null ? Optional.empty() : setIdentifier;
    Validation.notNull(routing, "routing");
    Validation.require(
        routing instanceof Routing.Simple || setIdentifier.isPresent(),
        "setIdentifier",
        null,
        "is required for " + routing.getClass().getSimpleName() + " records");
    values = values == null ? List.of() : List.copyOf(values);
    healthCheckId = healthCheckId == null ? Optional.empty() : healthCheckId;
  }

  /** The identity key of this record set: name, type and set identifier. */
  public String key() {
    return name + "|" + type + "|" + setIdentifier.orElse("");
  }

  /** How Route 53 chooses among record sets of the same name and type. */
  public sealed interface Routing {
    /** A plain record (used for Meridian's ownership TXT record). */
    record Simple() implements Routing {}

    /** Weighted routing, weight 0–255. */
    record Weighted(int weight) implements Routing {
      public Weighted {
        Validation.inRange(weight, 0, Endpoint.MAX_WEIGHT, "weight");
      }
    }

    /** Failover routing: PRIMARY or SECONDARY. */
    record Failover(FailoverRole role) implements Routing {
      public Failover {
        Validation.require(
            role == FailoverRole.PRIMARY || role == FailoverRole.SECONDARY,
            "failover",
            role,
            "must be PRIMARY or SECONDARY");
      }
    }

    /** Latency routing for an AWS region. */
    record Latency(Region region) implements Routing {}

    /** Multivalue answer routing. */
    record MultiValue() implements Routing {}
  }
}
