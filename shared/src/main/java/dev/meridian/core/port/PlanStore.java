package dev.meridian.core.port;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import java.util.Optional;

/** The last published plan per service. */
public interface PlanStore {
  Optional<Versioned<PublishedPlan>> find(ServiceName service);

  /**
   * Stores the plan if the stored version is {@code expectedVersion} and the stored fencing token
   * is not newer than the plan's; throws {@link ConflictException} or {@link
   * StaleFencingTokenException} otherwise.
   */
  Versioned<PublishedPlan> save(PublishedPlan plan, long expectedVersion);
}
