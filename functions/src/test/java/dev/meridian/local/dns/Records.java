package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import java.util.List;
import java.util.Optional;

/** Record-set fixtures in the shape the scheduler publishes. */
final class Records {
  private Records() {}

  static DnsRecordSet weighted(String name, String region, int weight, String... values) {
    return set(name, "meridian-" + region, new Routing.Weighted(weight), values);
  }

  static DnsRecordSet failover(String name, FailoverRole role, String... values) {
    return set(name, "meridian-" + role.name().toLowerCase(), new Routing.Failover(role), values);
  }

  static DnsRecordSet latency(String name, String region, String... values) {
    return set(name, "meridian-" + region, new Routing.Latency(Region.of(region)), values);
  }

  static DnsRecordSet multi(String name, String id, String... values) {
    return set(name, "meridian-" + id, new Routing.MultiValue(), values);
  }

  static DnsRecordSet set(String name, String setId, Routing routing, String... values) {
    return new DnsRecordSet(
        name, RecordType.A, 30, Optional.of(setId), routing, List.of(values), Optional.empty());
  }
}
