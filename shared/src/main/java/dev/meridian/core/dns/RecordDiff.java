package dev.meridian.core.dns;

import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.RecordType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The changes that turn what is published into what is desired, for the record sets Meridian owns
 * ({@link RecordSets#isOwned}); everything else under the name is left alone. Empty when nothing
 * changed, so a steady state makes no DNS API calls.
 *
 * <p>Order (deterministic; see docs/adr/0004-planner-semantics.md):
 *
 * <ol>
 *   <li>DELETEs that must precede the UPSERTs: owned records of a type that cannot coexist with a
 *       desired type at the same name (CNAME next to anything else), so the batch is valid;
 *   <li>UPSERTs, the ownership TXT record first, then by key — new answers exist before old ones
 *       go;
 *   <li>the remaining DELETEs by key, the ownership TXT record last.
 * </ol>
 *
 * Within one Route 53 change batch the order only has to be valid (batches are atomic); across
 * batches (over 1,000 changes) it guarantees the name is never left without an answer. A record set
 * is compared by TTL, routing, health check and values, the values as a set, names and host-name
 * values case-insensitively and without a trailing dot.
 */
public final class RecordDiff {
  private RecordDiff() {}

  public static List<PlanChange> diff(List<DnsRecordSet> desired, List<DnsRecordSet> published) {
    Map<String, DnsRecordSet> want = new TreeMap<>();
    for (DnsRecordSet d : desired) {
      if (want.put(key(d), d) != null) {
        throw new IllegalArgumentException("desired record sets repeat the key " + d.key());
      }
    }
    Map<String, DnsRecordSet> have = new TreeMap<>();
    for (DnsRecordSet p : published) {
      if (RecordSets.isOwned(p)) {
        have.put(key(p), p);
      }
    }
    Set<String> cnameNames = new HashSet<>();
    Set<String> otherNames = new HashSet<>();
    for (DnsRecordSet d : want.values()) {
      (d.type() == RecordType.CNAME ? cnameNames : otherNames)
          .add(RecordSets.normalizeName(d.name()));
    }

    List<PlanChange> conflictDeletes = new ArrayList<>();
    List<PlanChange> upserts = new ArrayList<>();
    List<PlanChange> deletes = new ArrayList<>();
    for (var e : have.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        DnsRecordSet p = e.getValue();
        String n = RecordSets.normalizeName(p.name());
        boolean conflicts =
            p.type() == RecordType.CNAME ? otherNames.contains(n) : cnameNames.contains(n);
        (conflicts ? conflictDeletes : deletes).add(new PlanChange(ChangeAction.DELETE, p));
      }
    }
    for (var e : want.entrySet()) {
      DnsRecordSet p = have.get(e.getKey());
      if (p == null || !same(e.getValue(), p)) {
        upserts.add(new PlanChange(ChangeAction.UPSERT, e.getValue()));
      }
    }
    Comparator<PlanChange> ownershipFirst =
        Comparator.comparing((PlanChange c) -> c.record().type() != RecordType.TXT);
    upserts.sort(ownershipFirst);
    deletes.sort(ownershipFirst.reversed());
    List<PlanChange> out =
        new ArrayList<>(conflictDeletes.size() + upserts.size() + deletes.size());
    out.addAll(conflictDeletes);
    out.addAll(upserts);
    out.addAll(deletes);
    return List.copyOf(out);
  }

  private static String key(DnsRecordSet r) {
    return RecordSets.normalizeName(r.name()) + "|" + r.type() + "|" + r.setIdentifier().orElse("");
  }

  /** Same content: TTL, routing, health check and values (as a set). */
  static boolean same(DnsRecordSet a, DnsRecordSet b) {
    return a.ttlSeconds() == b.ttlSeconds()
        && a.routing().equals(b.routing())
        && a.healthCheckId().equals(b.healthCheckId())
        && values(a).equals(values(b));
  }

  private static Set<String> values(DnsRecordSet r) {
    Set<String> out = new java.util.TreeSet<>();
    for (String v : r.values()) {
      out.add(
          r.type() == RecordType.TXT ? v : RecordSets.normalizeName(v.toLowerCase(Locale.ROOT)));
    }
    return out;
  }
}
