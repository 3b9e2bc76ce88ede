package dev.meridian.core.health;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** From vantage records to endpoint verdicts ({@link Quorum}) and on to region health. */
public final class HealthAggregation {
  private HealthAggregation() {}

  /**
   * Every endpoint's quorum verdict, in the order of {@code endpoints}. Records of endpoints not in
   * the list (for example just deregistered) are ignored.
   */
  public static Map<EndpointId, EndpointHealth> evaluateAll(
      ServiceConfig cfg, List<Endpoint> endpoints, List<VantageHealth> records, Instant now) {
    Map<EndpointId, List<VantageHealth>> byEndpoint = new HashMap<>(endpoints.size() * 2);
    for (VantageHealth v : records) {
      if (v.service().equals(cfg.name())) {
        byEndpoint.computeIfAbsent(v.endpoint(), k -> new ArrayList<>(8)).add(v);
      }
    }
    Map<EndpointId, EndpointHealth> out = new LinkedHashMap<>(endpoints.size() * 2);
    for (Endpoint e : endpoints) {
      out.put(e.id(), Quorum.evaluate(e, byEndpoint.getOrDefault(e.id(), List.of()), cfg, now));
    }
    return out;
  }

  /**
   * Region health over ACTIVE endpoints, one entry per region that has any endpoint, sorted by
   * region code. An endpoint missing from {@code health} counts as UNKNOWN.
   */
  public static List<RegionHealth> regions(
      List<Endpoint> endpoints, Map<EndpointId, EndpointHealth> health) {
    Map<Region, long[]> acc = new TreeMap<>(); // healthy, registered, active count, unhealthy count
    for (Endpoint e : endpoints) {
      long[] a = acc.computeIfAbsent(e.region(), r -> new long[4]);
      if (e.state() != EndpointState.ACTIVE) {
        continue;
      }
      EndpointHealth h = health.get(e.id());
      Verdict v = h == null ? Verdict.UNKNOWN : h.verdict();
      a[1] += e.capacity();
      a[2]++;
      if (v == Verdict.HEALTHY) {
        a[0] += e.capacity();
      } else if (v == Verdict.UNHEALTHY) {
        a[3]++;
      }
    }
    List<RegionHealth> out = new ArrayList<>(acc.size());
    acc.forEach(
        (region, a) -> {
          Verdict v;
          if (a[0] > 0) {
            v = Verdict.HEALTHY;
          } else if (a[2] > 0 && a[3] == a[2]) {
            v = Verdict.UNHEALTHY;
          } else {
            v = Verdict.UNKNOWN;
          }
          out.add(new RegionHealth(region, a[0], a[1], v));
        });
    return out;
  }

  /** The entry for {@code region}, if it has any endpoint. */
  public static java.util.Optional<RegionHealth> region(List<RegionHealth> regions, Region region) {
    return regions.stream().filter(r -> r.region().equals(region)).findFirst();
  }
}
