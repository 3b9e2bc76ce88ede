package dev.meridian.app.planning;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.PublishedPlan;
import java.util.List;
import java.util.Optional;

/**
 * Everything the planner needs about one service, read from the stores at one moment: its
 * configuration, endpoints, every vantage's health records, its drills and the last published plan
 * (with their optimistic-concurrency versions, for the writes that follow).
 */
public record ServiceSnapshot(
    Versioned<ServiceConfig> config,
    List<Endpoint> endpoints,
    List<VantageHealth> health,
    List<Versioned<Drill>> drills,
    Optional<Versioned<PublishedPlan>> lastPublished) {
  public ServiceSnapshot {
    endpoints = List.copyOf(endpoints);
    health = List.copyOf(health);
    drills = List.copyOf(drills);
    lastPublished = lastPublished == null ? Optional.empty() : lastPublished;
  }

  public ServiceConfig serviceConfig() {
    return config.value();
  }

  /** Drills that are not finished (PENDING or ACTIVE). */
  public List<Drill> openDrills() {
    return drills.stream().map(Versioned::value).filter(d -> !d.state().isTerminal()).toList();
  }
}
