package dev.meridian.testing.fakes;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.HealthStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link HealthStore} in memory, with the DynamoDB adapter's semantics: one record per (service,
 * endpoint, vantage), unconditional last-write-wins puts (each vantage is the single writer of its
 * records), {@link #list} sorted by endpoint then vantage. Counts items and {@code putAll} calls so
 * that delta-write tests can assert how much was written. Thread safe.
 */
public final class InMemoryHealthStore extends FaultInjection implements HealthStore {
  /** Key order of the DynamoDB adapter: endpoint id, then vantage region. */
  static final Comparator<VantageHealth> ORDER =
      Comparator.comparing(VantageHealth::endpoint).thenComparing(VantageHealth::vantage);

  private record Key(EndpointId endpoint, Region vantage) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = endpoint.compareTo(o.endpoint);
      return c != 0 ? c : vantage.compareTo(o.vantage);
    }
  }

  private final Map<ServiceName, Map<Key, VantageHealth>> records = new TreeMap<>();
  private long itemsWritten;
  private long putAllCalls;

  @Override
  public synchronized void putAll(Collection<VantageHealth> batch) {
    beforeCall("putAll");
    putAllCalls++;
    for (VantageHealth h : batch) {
      records
          .computeIfAbsent(h.service(), k -> new TreeMap<>())
          .put(new Key(h.endpoint(), h.vantage()), h);
      itemsWritten++;
    }
  }

  @Override
  public synchronized List<VantageHealth> list(ServiceName service) {
    beforeCall("list");
    return new ArrayList<>(records.getOrDefault(service, Map.of()).values());
  }

  @Override
  public synchronized void deleteEndpoint(ServiceName service, EndpointId endpoint) {
    beforeCall("deleteEndpoint");
    Map<Key, VantageHealth> m = records.get(service);
    if (m != null) {
      m.keySet().removeIf(k -> k.endpoint().equals(endpoint));
    }
  }

  /** Items written by {@link #putAll} so far (every record of every call). */
  public synchronized long itemsWritten() {
    return itemsWritten;
  }

  /** Successful-or-not calls of {@link #putAll} that got past failure injection. */
  public synchronized long putAllCalls() {
    return putAllCalls;
  }

  /** Every stored record of every service, in key order. */
  public synchronized List<VantageHealth> all() {
    List<VantageHealth> out = new ArrayList<>();
    records.values().forEach(m -> out.addAll(m.values()));
    return out;
  }
}
