package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ServiceName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The zones the embedded server is authoritative for, built once per published snapshot: each zone
 * with its SOA and NS, and the record sets at each owner name grouped by type. Immutable; the
 * server swaps a new index in on every publication.
 *
 * <p>A service's zone is the longest configured zone that contains its name, else its parent domain
 * ({@code demo.test} for {@code api.demo.test}).
 */
final class ZoneIndex {
  private static final Logger LOG = LoggerFactory.getLogger(ZoneIndex.class);

  /** SOA timers (seconds). Local zones are never transferred, so only minimum matters. */
  private static final long SOA_TTL = 900;

  private static final long REFRESH = 7200;
  private static final long RETRY = 900;
  private static final long EXPIRE = 1_209_600;
  static final long NS_TTL = 172_800;

  /** One authoritative zone. */
  record Zone(
      Name apex,
      SOARecord soa,
      NSRecord ns,
      Map<Name, Map<Integer, List<DnsRecordSet>>> nodes,
      Set<Name> names) {

    /** The record sets of one owner name grouped by DNS type (empty map when none). */
    Map<Integer, List<DnsRecordSet>> node(Name name) {
      return nodes.getOrDefault(name, Map.of());
    }

    /** Whether the name exists in the zone (has records, or is an empty non-terminal). */
    boolean exists(Name name) {
      return names.contains(name);
    }
  }

  private final Map<Name, Zone> zones;
  private final long serial;

  private ZoneIndex(Map<Name, Zone> zones, long serial) {
    this.zones = zones;
    this.serial = serial;
  }

  static ZoneIndex empty() {
    return new ZoneIndex(Map.of(), 0);
  }

  long serial() {
    return serial;
  }

  Collection<Zone> zones() {
    return zones.values();
  }

  /** The deepest zone at or above {@code name}, if the server is authoritative for it. */
  Optional<Zone> find(Name name) {
    for (int labels = name.labels(); labels >= 1; labels--) {
      Name candidate = labels == name.labels() ? name : new Name(name, name.labels() - labels);
      Zone z = zones.get(candidate);
      if (z != null) {
        return Optional.of(z);
      }
    }
    return Optional.empty();
  }

  /**
   * Builds the index.
   *
   * @param configuredZones zone apexes given in the configuration (may be empty)
   * @param nsAddress the address the name server's own {@code ns.<zone>} name resolves to
   */
  static ZoneIndex build(
      PublishedRecords published,
      List<String> configuredZones,
      Optional<DnsRecordSet> nsGlueTemplate,
      long negativeTtlSeconds) {
    Set<Name> apexes = new HashSet<>();
    for (String z : configuredZones) {
      apexes.add(absolute(z));
    }
    for (ServiceName service : published.byService().keySet()) {
      Name owner = absolute(service.value());
      if (longestContaining(apexes, owner).isEmpty()) {
        apexes.add(absolute(service.parentDomain()));
      }
    }
    Map<Name, Map<Name, Map<Integer, List<DnsRecordSet>>>> nodesByZone = new HashMap<>();
    for (Name apex : apexes) {
      nodesByZone.put(apex, new LinkedHashMap<>());
    }
    for (List<DnsRecordSet> sets : published.byService().values()) {
      for (DnsRecordSet set : sets) {
        Name owner;
        try {
          owner = Name.fromString(set.name(), Name.root);
        } catch (TextParseException e) {
          LOG.warn("dns.skip reason=bad-name name={}", set.name());
          continue;
        }
        Optional<Name> apex = longestContaining(apexes, owner);
        if (apex.isEmpty()) {
          LOG.warn("dns.skip reason=outside-zones name={}", set.name());
          continue;
        }
        nodesByZone
            .get(apex.get())
            .computeIfAbsent(owner, n -> new HashMap<>())
            .computeIfAbsent(Type.value(set.type().name()), t -> new ArrayList<>())
            .add(set);
      }
    }
    Map<Name, Zone> zones = new HashMap<>();
    for (Name apex : apexes) {
      Map<Name, Map<Integer, List<DnsRecordSet>>> nodes = nodesByZone.get(apex);
      Name nsName = name("ns", apex);
      if (nsGlueTemplate.isPresent() && !nodes.containsKey(nsName)) {
        DnsRecordSet glue = nsGlueTemplate.get();
        nodes.put(
            nsName,
            Map.of(
                Type.value(glue.type().name()),
                List.of(
                    new DnsRecordSet(
                        nsName.toString(true),
                        glue.type(),
                        NS_TTL,
                        Optional.empty(),
                        glue.routing(),
                        glue.values(),
                        Optional.empty()))));
      }
      Set<Name> names = new HashSet<>();
      names.add(apex);
      for (Name owner : nodes.keySet()) {
        for (Name n = owner; n.labels() > apex.labels(); n = new Name(n, 1)) {
          names.add(n);
        }
      }
      SOARecord soa =
          new SOARecord(
              apex,
              DClass.IN,
              SOA_TTL,
              nsName,
              name("hostmaster", apex),
              published.serial(),
              REFRESH,
              RETRY,
              EXPIRE,
              negativeTtlSeconds);
      NSRecord ns = new NSRecord(apex, DClass.IN, NS_TTL, nsName);
      zones.put(apex, new Zone(apex, soa, ns, Map.copyOf(nodes), Set.copyOf(names)));
    }
    return new ZoneIndex(Map.copyOf(zones), published.serial());
  }

  private static Optional<Name> longestContaining(Set<Name> apexes, Name owner) {
    Name best = null;
    for (Name apex : apexes) {
      if (owner.subdomain(apex) && (best == null || apex.labels() > best.labels())) {
        best = apex;
      }
    }
    return Optional.ofNullable(best);
  }

  static Name absolute(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + s, e);
    }
  }

  private static Name name(String label, Name apex) {
    try {
      return Name.concatenate(Name.fromString(label), apex);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot build " + label + "." + apex, e);
    }
  }

  /** Converts a record set's values into dnsjava records (skipping unparseable values). */
  static List<Record> toRecords(Name owner, int type, long ttl, List<String> values) {
    List<Record> out = new ArrayList<>(values.size());
    for (String v : values) {
      try {
        out.add(Record.fromString(owner, type, DClass.IN, ttl, v, Name.root));
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn(
            "dns.skip reason=bad-value owner={} type={} value={}", owner, Type.string(type), v);
      }
    }
    return out;
  }
}
