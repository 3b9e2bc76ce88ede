package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.Region;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Chooses, for one query, which of the record sets sharing a name and type answer it, with Route
 * 53's semantics. Health is not evaluated here: the planner already encodes it in what is published
 * (an unhealthy region has weight 0 or is absent; PANIC publishes every region), so this class
 * answers whatever is published and never answers empty while a record set with values exists.
 *
 * <ul>
 *   <li>Simple: every value of every simple record set.
 *   <li>Weighted: one record set, with probability weight / sum of weights; when every weight is 0
 *       each set is equally likely (as Route 53 does).
 *   <li>Failover: the PRIMARY set when it is published with values, else the SECONDARY.
 *   <li>Latency: the set of the configured client region when published, else the set of the lowest
 *       region code (there is no network latency to measure on one machine).
 *   <li>Multivalue: up to {@value #MAX_MULTIVALUE} values, chosen at random among the sets.
 * </ul>
 *
 * <p>When the sets of one name and type mix routing kinds (Route 53 forbids it), the first kind in
 * the order above wins. Record sets without values are never chosen.
 */
public final class RecordSelector {
  /** Route 53 returns up to eight healthy records for a multivalue answer. */
  public static final int MAX_MULTIVALUE = 8;

  private final Optional<Region> clientRegion;

  public RecordSelector(Optional<Region> clientRegion) {
    this.clientRegion = clientRegion == null ? Optional.empty() : clientRegion;
  }

  /** What one query is answered with: the values and the TTL to give them. */
  public record Selection(List<String> values, long ttlSeconds) {
    public static final Selection EMPTY = new Selection(List.of(), 0);

    public Selection {
      values = List.copyOf(values);
    }

    public boolean isEmpty() {
      return values.isEmpty();
    }
  }

  /**
   * Selects the answer among {@code sets} (all of one name and type). {@code random} is used only
   * for weighted and multivalue routing; callers serialize access to it.
   */
  public Selection select(List<DnsRecordSet> sets, RandomGenerator random) {
    List<DnsRecordSet> usable = sets.stream().filter(s -> !s.values().isEmpty()).toList();
    if (usable.isEmpty()) {
      return Selection.EMPTY;
    }
    List<DnsRecordSet> simple = ofKind(usable, Routing.Simple.class);
    if (!simple.isEmpty()) {
      return merge(simple);
    }
    List<DnsRecordSet> weighted = ofKind(usable, Routing.Weighted.class);
    if (!weighted.isEmpty()) {
      return single(weighted(weighted, random));
    }
    List<DnsRecordSet> failover = ofKind(usable, Routing.Failover.class);
    if (!failover.isEmpty()) {
      return single(failover(failover));
    }
    List<DnsRecordSet> latency = ofKind(usable, Routing.Latency.class);
    if (!latency.isEmpty()) {
      return single(latency(latency));
    }
    return multiValue(ofKind(usable, Routing.MultiValue.class), random);
  }

  private static List<DnsRecordSet> ofKind(List<DnsRecordSet> sets, Class<? extends Routing> kind) {
    return sets.stream().filter(s -> kind.isInstance(s.routing())).toList();
  }

  private static Selection single(DnsRecordSet set) {
    return new Selection(set.values(), set.ttlSeconds());
  }

  private static Selection merge(List<DnsRecordSet> sets) {
    List<String> values = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (DnsRecordSet s : sets) {
      for (String v : s.values()) {
        if (!values.contains(v)) {
          values.add(v);
        }
      }
      ttl = Math.min(ttl, s.ttlSeconds());
    }
    return new Selection(values, ttl);
  }

  static DnsRecordSet weighted(List<DnsRecordSet> sets, RandomGenerator random) {
    long total = 0;
    for (DnsRecordSet s : sets) {
      total += weightOf(s);
    }
    if (total == 0) {
      return sets.get(random.nextInt(sets.size()));
    }
    long pick = random.nextLong(total);
    for (DnsRecordSet s : sets) {
      pick -= weightOf(s);
      if (pick < 0) {
        return s;
      }
    }
    throw new IllegalStateException("weighted pick fell off the end"); // unreachable
  }

  private static int weightOf(DnsRecordSet s) {
    return ((Routing.Weighted) s.routing()).weight();
  }

  private static DnsRecordSet failover(List<DnsRecordSet> sets) {
    return sets.stream()
        .filter(s -> ((Routing.Failover) s.routing()).role() == FailoverRole.PRIMARY)
        .findFirst()
        .orElseGet(
            () ->
                sets.stream()
                    .filter(s -> ((Routing.Failover) s.routing()).role() == FailoverRole.SECONDARY)
                    .findFirst()
                    .orElse(sets.get(0)));
  }

  private DnsRecordSet latency(List<DnsRecordSet> sets) {
    if (clientRegion.isPresent()) {
      for (DnsRecordSet s : sets) {
        if (((Routing.Latency) s.routing()).region().equals(clientRegion.get())) {
          return s;
        }
      }
    }
    return sets.stream()
        .min(Comparator.comparing(s -> ((Routing.Latency) s.routing()).region()))
        .orElseThrow();
  }

  private static Selection multiValue(List<DnsRecordSet> sets, RandomGenerator random) {
    // Partial Fisher-Yates shuffle over every (set, value) pair, keeping the first eight distinct.
    List<String> pool = new ArrayList<>();
    List<Long> ttls = new ArrayList<>();
    for (DnsRecordSet s : sets) {
      for (String v : s.values()) {
        pool.add(v);
        ttls.add(s.ttlSeconds());
      }
    }
    List<String> chosen = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (int i = 0; i < pool.size() && chosen.size() < MAX_MULTIVALUE; i++) {
      int j = i + random.nextInt(pool.size() - i);
      java.util.Collections.swap(pool, i, j);
      java.util.Collections.swap(ttls, i, j);
      if (!chosen.contains(pool.get(i))) {
        chosen.add(pool.get(i));
        ttl = Math.min(ttl, ttls.get(i));
      }
    }
    return new Selection(chosen, ttl);
  }
}
