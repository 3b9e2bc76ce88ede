package dev.meridian.core.port;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import java.util.List;
import java.util.Optional;

/** Drills per service, written with optimistic concurrency. */
public interface DrillStore {
  Optional<Versioned<Drill>> find(ServiceName service, DrillId id);

  /** The service's drills, newest first. */
  List<Versioned<Drill>> list(ServiceName service);

  Versioned<Drill> save(Drill drill, long expectedVersion);
}
