package dev.meridian.api;

import dev.meridian.core.model.ServiceName;
import dev.meridian.testing.fakes.InMemoryAggregatedHealthStore;
import dev.meridian.testing.fakes.InMemoryAuditLog;
import dev.meridian.testing.fakes.InMemoryDnsPublisher;
import dev.meridian.testing.fakes.InMemoryDrillStore;
import dev.meridian.testing.fakes.InMemoryEndpointRepository;
import dev.meridian.testing.fakes.InMemoryHealthStore;
import dev.meridian.testing.fakes.InMemoryLeaseStore;
import dev.meridian.testing.fakes.InMemoryPlanStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory fakes of every port (registered as beans in place of the DynamoDB and Route 53
 * adapters by {@link FakePortsFactory} when a context has a {@code Stores} singleton), and a way to
 * prove that a request wrote nothing: {@link #snapshot()} captures every stored item and every call
 * count of a writing operation.
 */
public final class Stores {
  public final InMemoryEndpointRepository endpoints = new InMemoryEndpointRepository();
  public final InMemoryHealthStore health = new InMemoryHealthStore();
  public final InMemoryDrillStore drills = new InMemoryDrillStore();
  public final InMemoryPlanStore plans = new InMemoryPlanStore();
  public final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final InMemoryDnsPublisher dns = new InMemoryDnsPublisher();
  public final InMemoryAggregatedHealthStore aggregated = new InMemoryAggregatedHealthStore();

  /** Names whose audit log and drills are captured even when no such service is stored. */
  private final TreeSet<ServiceName> watched = new TreeSet<>();

  public void watch(String... names) {
    for (String n : names) {
      watched.add(ServiceName.of(n));
    }
  }

  /** Everything stored, and how often each writing operation was called. */
  public record Snapshot(Map<String, Object> state, Map<String, Long> writes) {}

  public Snapshot snapshot() {
    Map<String, Object> state = new TreeMap<>();
    TreeSet<ServiceName> names = new TreeSet<>(watched);
    endpoints.listServices().forEach(v -> names.add(v.value().name()));
    state.put("services", endpoints.listServices());
    for (ServiceName n : names) {
      state.put("endpoints:" + n, endpoints.listEndpoints(n));
      state.put("drills:" + n, drills.list(n));
      state.put("audit:" + n, audit.all(n));
      state.put("plan:" + n, plans.find(n));
      state.put("dns:" + n, dns.published(n));
    }
    state.put("health", new ArrayList<>(health.all()));
    Map<String, Long> writes = new TreeMap<>();
    for (String op : List.of("saveService", "deleteService", "saveEndpoint", "deleteEndpoint")) {
      writes.put("endpoints." + op, endpoints.calls(op));
    }
    writes.put("health.putAll", health.calls("putAll"));
    writes.put("health.deleteEndpoint", health.calls("deleteEndpoint"));
    writes.put("drills.save", drills.calls("save"));
    writes.put("plans.save", plans.calls("save"));
    writes.put("audit.append", audit.calls("append"));
    writes.put("dns.publish", dns.calls("publish"));
    return new Snapshot(state, writes);
  }
}
