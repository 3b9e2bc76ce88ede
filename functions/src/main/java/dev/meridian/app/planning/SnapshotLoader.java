package dev.meridian.app.planning;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import java.util.Objects;

/** Reads a {@link ServiceSnapshot} from the ports. Read-only. */
public final class SnapshotLoader {
  private final EndpointRepository endpoints;
  private final HealthStore health;
  private final DrillStore drills;
  private final PlanStore plans;

  public SnapshotLoader(
      EndpointRepository endpoints, HealthStore health, DrillStore drills, PlanStore plans) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.health = Objects.requireNonNull(health, "health");
    this.drills = Objects.requireNonNull(drills, "drills");
    this.plans = Objects.requireNonNull(plans, "plans");
  }

  /**
   * Loads the service's inputs.
   *
   * @throws NotFoundException when the service is not registered
   */
  public ServiceSnapshot load(ServiceName service) {
    var config =
        endpoints
            .findService(service)
            .orElseThrow(() -> new NotFoundException("service " + service + " is not registered"));
    var eps = endpoints.listEndpoints(service).stream().map(Versioned::value).toList();
    return new ServiceSnapshot(
        config, eps, health.list(service), drills.list(service), plans.find(service));
  }
}
