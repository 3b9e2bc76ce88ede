package dev.meridian.core.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The record sets a plan stands for: what DNS should say for the service. Every record set Meridian
 * writes carries a SetIdentifier starting with {@link DnsRecordSet#OWNER_PREFIX}, plus one
 * ownership TXT record {@code _meridian.<service>} with value {@code
 * "heritage=meridian,service=<name>"} (the external-dns convention), so that records created by
 * hand next to Meridian's are never touched.
 *
 * <ul>
 *   <li>WEIGHTED: one record set per region that has values, SetIdentifier {@code
 *       meridian-<region>}, its weight (a region at weight 0 is still published with weight 0 while
 *       it has values, so it can ramp back without a create).
 *   <li>FAILOVER: {@code meridian-primary} (PRIMARY) and {@code meridian-secondary} (SECONDARY),
 *       with the values of the regions holding those roles.
 *   <li>LATENCY: one record set per included region, {@code meridian-<region>}.
 *   <li>MULTIVALUE: one record set per value of an included region, {@code meridian-<region>-<n>}
 *       (n = 1-based position in the region's sorted values).
 * </ul>
 *
 * Record sets without values are omitted (DNS has no empty record sets). The result is sorted by
 * {@link DnsRecordSet#key()}.
 */
public final class RecordSets {
  /** Label of the ownership TXT record, prepended to the service name. */
  public static final String OWNERSHIP_LABEL = "_meridian";

  public static final String PRIMARY_ID = DnsRecordSet.OWNER_PREFIX + "primary";
  public static final String SECONDARY_ID = DnsRecordSet.OWNER_PREFIX + "secondary";

  private RecordSets() {}

  /** {@code _meridian.<service>}. */
  public static String ownershipName(ServiceName service) {
    return OWNERSHIP_LABEL + "." + service.value();
  }

  /** The ownership TXT value, quoted as DNS (and Route 53) wants TXT strings. */
  public static String ownershipValue(ServiceName service) {
    return "\"heritage=meridian,service=" + service.value() + "\"";
  }

  /** The ownership TXT record of a service with the given TTL. */
  public static DnsRecordSet ownership(ServiceName service, long ttlSeconds) {
    return new DnsRecordSet(
        ownershipName(service),
        RecordType.TXT,
        ttlSeconds,
        Optional.empty(),
        new Routing.Simple(),
        List.of(ownershipValue(service)),
        Optional.empty());
  }

  /**
   * Whether Meridian owns a published record set: its SetIdentifier starts with {@link
   * DnsRecordSet#OWNER_PREFIX}, or it is an ownership TXT record.
   */
  public static boolean isOwned(DnsRecordSet r) {
    if (r.setIdentifier().map(id -> id.startsWith(DnsRecordSet.OWNER_PREFIX)).orElse(false)) {
      return true;
    }
    return r.type() == RecordType.TXT
        && r.setIdentifier().isEmpty()
        && normalizeName(r.name()).startsWith(OWNERSHIP_LABEL + ".");
  }

  /** Lower case without a trailing dot, so names from DNS APIs compare with ours. */
  static String normalizeName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  /** The record sets {@code plan} stands for, sorted by key; see the class comment. */
  public static List<DnsRecordSet> desired(RoutingPlan plan) {
    String name = plan.service().value();
    RecordType type = plan.recordType();
    long ttl = plan.ttl().toSeconds();
    List<DnsRecordSet> out = new ArrayList<>();
    out.add(ownership(plan.service(), ttl));
    switch (plan.policy()) {
      case WEIGHTED -> {
        for (RegionRoute r : plan.regions()) {
          if (!r.values().isEmpty()) {
            out.add(
                record(name, type, ttl, regionId(r), new Routing.Weighted(r.weight()), r.values()));
          }
        }
      }
      case FAILOVER -> {
        for (RegionRoute r : plan.regions()) {
          if (r.values().isEmpty()) {
            continue;
          }
          if (r.role() == FailoverRole.PRIMARY) {
            out.add(
                record(name, type, ttl, PRIMARY_ID, new Routing.Failover(r.role()), r.values()));
          } else if (r.role() == FailoverRole.SECONDARY) {
            out.add(
                record(name, type, ttl, SECONDARY_ID, new Routing.Failover(r.role()), r.values()));
          }
        }
      }
      case LATENCY -> {
        for (RegionRoute r : plan.regions()) {
          if (r.included() && !r.values().isEmpty()) {
            out.add(
                record(name, type, ttl, regionId(r), new Routing.Latency(r.region()), r.values()));
          }
        }
      }
      case MULTIVALUE -> {
        for (RegionRoute r : plan.regions()) {
          if (!r.included()) {
            continue;
          }
          List<String> values = r.values().stream().sorted().toList();
          for (int i = 0; i < values.size(); i++) {
            out.add(
                record(
                    name,
                    type,
                    ttl,
                    regionId(r) + "-" + (i + 1),
                    new Routing.MultiValue(),
                    List.of(values.get(i))));
          }
        }
      }
    }
    out.sort(Comparator.comparing(DnsRecordSet::key));
    return List.copyOf(out);
  }

  private static String regionId(RegionRoute r) {
    return DnsRecordSet.OWNER_PREFIX + r.region().code();
  }

  private static DnsRecordSet record(
      String name, RecordType type, long ttl, String id, Routing routing, List<String> values) {
    return new DnsRecordSet(
        name,
        type,
        ttl,
        Optional.of(id),
        routing,
        values.stream().sorted().toList(),
        Optional.empty());
  }
}
