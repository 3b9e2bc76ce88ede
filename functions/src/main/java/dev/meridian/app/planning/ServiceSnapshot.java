package dev.meridian.app.planning;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.PublishedPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the planner needs about one service, read from the stores at one moment: its
 * configuration, endpoints, every vantage's health records, its drills and the last published plan
 * (with their optimistic-concurrency versions, for the writes that follow), and since when the
 * aggregator has announced each endpoint continuously HEALTHY (ADR 0013).
 *
 * @param announcedHealthySince as {@link
 *     dev.meridian.core.plan.PlanningInput#announcedHealthySince}
 */
public record ServiceSnapshot(
    Versioned<ServiceConfig> config,
    List<Endpoint> endpoints,
    List<VantageHealth> health,
    List<Versioned<Drill>> drills,
    Optional<Versioned<PublishedPlan>> lastPublished,
    Map<EndpointId, Instant> announcedHealthySince) {
  public ServiceSnapshot {
    endpoints = List.copyOf(endpoints);
    health = List.copyOf(health);
    drills = List.copyOf(drills);
    lastPublished = lastPublished == null ? Optional.empty() : lastPublished;
    announcedHealthySince =
        announcedHealthySince == null ? Map.of() : Map.copyOf(announcedHealthySince);
  }

  /** Without announced verdicts (hold-down from the records alone). */
  public ServiceSnapshot(
      Versioned<ServiceConfig> config,
      List<Endpoint> endpoints,
      List<VantageHealth> health,
      List<Versioned<Drill>> drills,
      Optional<Versioned<PublishedPlan>> lastPublished) {
    this(config, endpoints, health, drills, lastPublished, Map.of());
  }

  public ServiceConfig serviceConfig() {
    return config.value();
  }

  /** Drills that are not finished (PENDING or ACTIVE). */
  public List<Drill> openDrills() {
    return drills.stream().map(Versioned::value).filter(d -> !d.state().isTerminal()).toList();
  }
}
