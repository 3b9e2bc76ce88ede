package dev.meridian.app.status;

import dev.meridian.app.planning.HealthEvaluation;
import dev.meridian.app.planning.ServiceSnapshot;
import dev.meridian.app.planning.SnapshotLoader;
import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.plan.DrainRamp;
import dev.meridian.core.plan.Planner;
import dev.meridian.core.plan.PlanningInput;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import dev.meridian.core.port.PublishedPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A read-only view of one service: quorum verdicts per endpoint and region with every vantage's
 * vote, the traffic split of the last published plan, and the drills in progress. Writes nothing
 * and never calls DNS.
 */
public final class StatusService {
  private final SnapshotLoader loader;
  private final Clock clock;

  public StatusService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      Clock clock) {
    this.loader = new SnapshotLoader(endpoints, health, drills, plans);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The service's status now.
   *
   * @throws NotFoundException for an unknown service
   */
  public ServiceStatus status(ServiceName service) {
    Objects.requireNonNull(service, "service");
    ServiceSnapshot s = loader.load(service);
    Instant now = clock.instant();
    ServiceConfig config = s.serviceConfig();
    Map<EndpointId, EndpointHealth> verdicts =
        HealthEvaluation.evaluate(config, s.endpoints(), s.health(), now);
    Optional<PublishedPlan> published = s.lastPublished().map(Versioned::value);
    // Before the first publication, show what the scheduler is about to publish.
    RoutingPlan plan =
        published
            .map(PublishedPlan::plan)
            .orElseGet(
                () ->
                    Planner.plan(
                        new PlanningInput(
                            config,
                            s.endpoints(),
                            s.health(),
                            s.openDrills(),
                            Optional.empty(),
                            now)));

    Map<Region, List<Endpoint>> byRegion = new TreeMap<>();
    s.endpoints().forEach(e -> byRegion.computeIfAbsent(e.region(), r -> new ArrayList<>()).add(e));
    List<RegionStatus> regions = new ArrayList<>();
    for (var entry : byRegion.entrySet()) {
      Region region = entry.getKey();
      var regionHealth = HealthEvaluation.region(region, s.endpoints(), verdicts);
      Optional<RegionRoute> route = plan.region(region);
      List<EndpointStatus> endpoints =
          entry.getValue().stream()
              .sorted(Comparator.comparing(Endpoint::id))
              .map(e -> endpointStatus(e, verdicts.get(e.id()), DrainRamp.progress(e, config, now)))
              .toList();
      regions.add(
          new RegionStatus(
              region,
              regionHealth.fraction(),
              route.map(RegionRoute::weight).orElse(0),
              route.map(RegionRoute::share).orElse(0.0),
              regionHealth.verdict().name(),
              endpoints));
    }
    return new ServiceStatus(
        service,
        config.policy(),
        plan.mode(),
        regions,
        published,
        published.map(p -> nonNegative(Duration.between(p.publishedAt(), now))),
        s.openDrills(),
        now);
  }

  private static EndpointStatus endpointStatus(
      Endpoint e, EndpointHealth verdict, Optional<DrainRamp.Progress> drain) {
    List<VantageVote> votes =
        verdict.voters().stream()
            .map(
                v ->
                    new VantageVote(
                        v.vantage(),
                        v.state(),
                        v.stale(),
                        v.suppressed(),
                        v.lastProbeAt(),
                        v.lastFailure()))
            .toList();
    double[] latencies =
        verdict.voters().stream()
            .filter(v -> !v.stale() && v.latencyMillis() > 0)
            .mapToDouble(EndpointHealth.Vote::latencyMillis)
            .sorted()
            .toArray();
    return new EndpointStatus(
        e.id(),
        e.address().value(),
        e.port(),
        e.state(),
        verdict.verdict().name(),
        votes,
        median(latencies),
        drain);
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return 0;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
