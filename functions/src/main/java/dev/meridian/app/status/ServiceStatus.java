package dev.meridian.app.status;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.PublishedPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service at a glance: per-region health and traffic, the last publication and the drills in
 * progress.
 *
 * @param mode the mode of the last published plan (of the computed plan before the first one)
 * @param lastChangeAge time since the last publication
 * @param activeDrills drills not finished yet (PENDING or ACTIVE)
 * @param at when the status was computed
 */
public record ServiceStatus(
    ServiceName service,
    RoutingPolicy policy,
    PlanMode mode,
    List<RegionStatus> regions,
    Optional<PublishedPlan> lastPublished,
    Optional<Duration> lastChangeAge,
    List<Drill> activeDrills,
    Instant at) {
  public ServiceStatus {
    regions = List.copyOf(regions);
    lastPublished = lastPublished == null ? Optional.empty() : lastPublished;
    lastChangeAge = lastChangeAge == null ? Optional.empty() : lastChangeAge;
    activeDrills = List.copyOf(activeDrills);
  }
}
