package dev.meridian.testing.fakes;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.DrillStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DrillStore} in memory, with the DynamoDB adapter's semantics: optimistic versions as in
 * every store; {@link #list} newest first by {@code createdAt}, ties broken by id (descending).
 * Thread safe.
 */
public final class InMemoryDrillStore extends FaultInjection implements DrillStore {
  /** Newest first: createdAt descending (millisecond precision, as stored), then id descending. */
  public static final Comparator<Drill> NEWEST_FIRST =
      Comparator.<Drill>comparingLong(d -> d.createdAt().toEpochMilli())
          .thenComparing(d -> d.id().value())
          .reversed();

  private final Map<ServiceName, Map<DrillId, Versioned<Drill>>> drills = new HashMap<>();

  @Override
  public synchronized Optional<Versioned<Drill>> find(ServiceName service, DrillId id) {
    beforeCall("find");
    return Optional.ofNullable(drills.getOrDefault(service, Map.of()).get(id));
  }

  @Override
  public synchronized List<Versioned<Drill>> list(ServiceName service) {
    beforeCall("list");
    List<Versioned<Drill>> out = new ArrayList<>(drills.getOrDefault(service, Map.of()).values());
    out.sort(Comparator.comparing(Versioned::value, NEWEST_FIRST));
    return out;
  }

  @Override
  public synchronized Versioned<Drill> save(Drill drill, long expectedVersion) {
    beforeCall("save");
    Map<DrillId, Versioned<Drill>> m =
        drills.computeIfAbsent(drill.service(), k -> new HashMap<>());
    long v =
        Versions.next(
            "drill " + drill.service() + "/" + drill.id(), m.get(drill.id()), expectedVersion);
    Versioned<Drill> saved = new Versioned<>(drill, v);
    m.put(drill.id(), saved);
    return saved;
  }
}
