package dev.meridian.testing.fakes;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.PlanStore;
import dev.meridian.core.port.PublishedPlan;
import dev.meridian.core.port.StaleFencingTokenException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PlanStore} in memory, with the DynamoDB adapter's semantics: a save is rejected with
 * {@link StaleFencingTokenException} when the stored plan was published under a newer fencing token
 * (checked first), and with {@code ConflictException} / {@code NotFoundException} on a version
 * mismatch. Thread safe.
 */
public final class InMemoryPlanStore extends FaultInjection implements PlanStore {
  private final Map<ServiceName, Versioned<PublishedPlan>> plans = new HashMap<>();

  @Override
  public synchronized Optional<Versioned<PublishedPlan>> find(ServiceName service) {
    beforeCall("find");
    return Optional.ofNullable(plans.get(service));
  }

  @Override
  public synchronized Versioned<PublishedPlan> save(PublishedPlan plan, long expectedVersion) {
    beforeCall("save");
    ServiceName service = plan.plan().service();
    Versioned<PublishedPlan> current = plans.get(service);
    if (current != null && current.value().fencingToken() > plan.fencingToken()) {
      throw new StaleFencingTokenException(plan.fencingToken(), current.value().fencingToken());
    }
    long v = Versions.next("plan of " + service, current, expectedVersion);
    Versioned<PublishedPlan> saved = new Versioned<>(plan, v);
    plans.put(service, saved);
    return saved;
  }
}
