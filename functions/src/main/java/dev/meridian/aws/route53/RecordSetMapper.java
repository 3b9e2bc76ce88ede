package dev.meridian.aws.route53;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

/**
 * {@link DnsRecordSet} ⇄ Route 53 {@link ResourceRecordSet}. Names go out fully qualified (trailing
 * dot) and come back without it, lower-cased. Record sets Meridian cannot represent (alias targets,
 * geolocation, other types) map to empty: they are never Meridian's.
 */
final class RecordSetMapper {
  private RecordSetMapper() {}

  static ResourceRecordSet toSdk(DnsRecordSet r) {
    ResourceRecordSet.Builder b =
        ResourceRecordSet.builder()
            .name(fqdn(r.name()))
            .type(RRType.fromValue(r.type().name()))
            .ttl(r.ttlSeconds())
            .resourceRecords(
                r.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
    r.setIdentifier().ifPresent(b::setIdentifier);
    r.healthCheckId().ifPresent(b::healthCheckId);
    switch (r.routing()) {
      case Routing.Simple s -> {}
      case Routing.Weighted w -> b.weight((long) w.weight());
      case Routing.Failover f -> b.failover(ResourceRecordSetFailover.fromValue(f.role().name()));
      case Routing.Latency l -> b.region(l.region().code());
      case Routing.MultiValue m -> b.multiValueAnswer(true);
    }
    return b.build();
  }

  static Optional<DnsRecordSet> fromSdk(ResourceRecordSet s) {
    if (s.aliasTarget() != null
        || s.geoLocation() != null
        || s.geoProximityLocation() != null
        || s.cidrRoutingConfig() != null
        || s.trafficPolicyInstanceId() != null) {
      return Optional.empty();
    }
    RecordType type;
    try {
      type = RecordType.valueOf(s.typeAsString());
    } catch (IllegalArgumentException | NullPointerException other) {
      return Optional.empty();
    }
    Routing routing;
    if (s.weight() != null) {
      routing = new Routing.Weighted(Math.toIntExact(s.weight()));
    } else if (s.failover() != null) {
      routing = new Routing.Failover(FailoverRole.valueOf(s.failoverAsString()));
    } else if (s.regionAsString() != null) {
      routing = new Routing.Latency(Region.of(s.regionAsString()));
    } else if (Boolean.TRUE.equals(s.multiValueAnswer())) {
      routing = new Routing.MultiValue();
    } else {
      routing = new Routing.Simple();
    }
    List<String> values =
        s.hasResourceRecords()
            ? s.resourceRecords().stream().map(ResourceRecord::value).toList()
            : List.of();
    try {
      return Optional.of(
          new DnsRecordSet(
              Route53Settings.normalizeName(s.name()),
              type,
              s.ttl() == null ? 0 : s.ttl(),
              Optional.ofNullable(s.setIdentifier()),
              routing,
              values,
              Optional.ofNullable(s.healthCheckId())));
    } catch (InvalidValueException | ArithmeticException unrepresentable) {
      return Optional.empty();
    }
  }

  static String fqdn(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  /** ResourceRecord elements of a record set (what Route 53's batch limit counts). */
  static int recordCount(DnsRecordSet r) {
    return Math.max(1, r.values().size());
  }

  /** Characters of the record set's values (what Route 53's 32,000-character limit counts). */
  static int valueChars(DnsRecordSet r) {
    return r.values().stream().mapToInt(String::length).sum();
  }
}
