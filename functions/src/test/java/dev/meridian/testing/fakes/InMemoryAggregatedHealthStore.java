package dev.meridian.testing.fakes;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link AggregatedHealthStore} in memory, with the DynamoDB adapter's versioning. Thread safe. */
public final class InMemoryAggregatedHealthStore extends FaultInjection
    implements AggregatedHealthStore {
  private final Map<ServiceName, Versioned<State>> states = new HashMap<>();

  @Override
  public synchronized Optional<Versioned<State>> find(ServiceName service) {
    beforeCall("find");
    return Optional.ofNullable(states.get(service));
  }

  @Override
  public synchronized Versioned<State> save(State state, long expectedVersion) {
    beforeCall("save");
    ServiceName service = state.verdicts().service();
    long v = Versions.next("aggregated health of " + service, states.get(service), expectedVersion);
    Versioned<State> saved = new Versioned<>(state, v);
    states.put(service, saved);
    return saved;
  }
}
