package dev.meridian.app;

import dev.meridian.app.aggregator.AggregatorService;
import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.PlanningService;
import dev.meridian.app.scheduler.SchedulerService;
import dev.meridian.app.scheduler.SchedulerSettings;
import dev.meridian.app.scheduler.SchedulerTrigger;
import dev.meridian.app.status.StatusService;
import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.health.Verdict;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.observability.DecisionLog;
import dev.meridian.testing.fakes.InMemoryAggregatedHealthStore;
import dev.meridian.testing.fakes.InMemoryAuditLog;
import dev.meridian.testing.fakes.InMemoryDnsPublisher;
import dev.meridian.testing.fakes.InMemoryDrillStore;
import dev.meridian.testing.fakes.InMemoryEndpointRepository;
import dev.meridian.testing.fakes.InMemoryHealthStore;
import dev.meridian.testing.fakes.InMemoryLeaseStore;
import dev.meridian.testing.fakes.InMemoryPlanStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service with three regions (one endpoint each, capacity 100) probed from three vantages, over
 * the in-memory fakes and a {@link MutableClock}; builds the application services on top.
 */
public final class ControlFixture {
  public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  public static final ServiceName SERVICE = ServiceName.of("api.example.com");
  public static final Region USE1 = Region.of("us-east-1");
  public static final Region EUW1 = Region.of("eu-west-1");
  public static final Region APSE2 = Region.of("ap-southeast-2");
  public static final List<Region> REGIONS = List.of(APSE2, EUW1, USE1);
  public static final List<Region> VANTAGES = List.of(APSE2, EUW1, USE1);

  public final MutableClock clock = new MutableClock(T0);
  public final InMemoryEndpointRepository endpoints = new InMemoryEndpointRepository();
  public final InMemoryHealthStore health = new InMemoryHealthStore();
  public final InMemoryDrillStore drills = new InMemoryDrillStore();
  public final InMemoryPlanStore plans = new InMemoryPlanStore();
  public final InMemoryDnsPublisher dns = new InMemoryDnsPublisher();
  public final InMemoryLeaseStore leases = new InMemoryLeaseStore();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final InMemoryAggregatedHealthStore aggregated = new InMemoryAggregatedHealthStore();
  public final RecordingMetrics metrics = new RecordingMetrics();
  public final AuditEvents events = new AuditEvents(new SplittableRandom(42));
  public final DecisionLog decisions = new DecisionLog();
  public final List<Set<ServiceName>> triggers = new CopyOnWriteArrayList<>();
  public final SchedulerTrigger trigger = triggers::add;

  public static EndpointId endpointIn(Region r) {
    return EndpointId.of("ep-" + r.code());
  }

  public static ServiceConfig config(ServiceName name) {
    return ServiceConfig.builder(name)
        .quorum(2)
        .damping(FlapDamping.DISABLED)
        .holdDown(Duration.ZERO)
        .rampDuration(Duration.ZERO)
        .maxStepIncrease(1.0)
        .allowPrivateTargets(true)
        .build();
  }

  /**
   * Registers the service and one endpoint per region, all healthy from every vantage, and the
   * aggregator's state as if it had announced them HEALTHY.
   */
  public ControlFixture registerHealthyService(ServiceName service) {
    endpoints.saveService(config(service), Versioned.NEW);
    int i = 1;
    java.util.Map<EndpointId, Verdict> eps = new java.util.HashMap<>();
    java.util.Map<Region, Verdict> regions = new java.util.HashMap<>();
    for (Region r : REGIONS) {
      endpoints.saveEndpoint(
          Endpoint.builder(service, endpointIn(r), r, "192.0.2." + i++).build(), Versioned.NEW);
      for (Region v : VANTAGES) {
        health.putAll(List.of(vote(service, endpointIn(r), v, HealthState.UP)));
      }
      eps.put(endpointIn(r), Verdict.HEALTHY);
      regions.put(r, Verdict.HEALTHY);
    }
    aggregated.save(
        new AggregatedHealthStore.State(new AggregatedHealth(service, eps, regions), List.of()),
        Versioned.NEW);
    return this;
  }

  public ControlFixture registerHealthyService() {
    return registerHealthyService(SERVICE);
  }

  /** A vantage record probed now, UP since long ago or DOWN with a failure. */
  public VantageHealth vote(ServiceName service, EndpointId ep, Region vantage, HealthState s) {
    Instant now = clock.instant();
    Instant longAgo = T0.minus(Duration.ofHours(1));
    return new VantageHealth(
        service,
        ep,
        vantage,
        s,
        s == HealthState.UP ? 5 : 0,
        s == HealthState.DOWN ? 3 : 0,
        now,
        Optional.of(s == HealthState.UP ? longAgo : now),
        s == HealthState.UP ? Optional.of(longAgo) : Optional.empty(),
        0,
        now,
        false,
        12.5,
        s == HealthState.DOWN ? Optional.of("status 503") : Optional.empty());
  }

  /** Marks the region's endpoint DOWN (or UP) from every vantage, probed now. */
  public void setRegion(Region r, HealthState s) {
    List<VantageHealth> votes = new ArrayList<>();
    for (Region v : VANTAGES) {
      votes.add(vote(SERVICE, endpointIn(r), v, s));
    }
    health.putAll(votes);
  }

  /** Re-reports every record as probed now (vantages alive), keeping states. */
  public void heartbeat() {
    Instant now = clock.instant();
    List<VantageHealth> fresh = new ArrayList<>();
    for (VantageHealth h : health.all()) {
      fresh.add(
          new VantageHealth(
              h.service(),
              h.endpoint(),
              h.vantage(),
              h.state(),
              h.consecutiveOk(),
              h.consecutiveFail(),
              now,
              h.lastTransitionAt(),
              h.upSince(),
              h.penalty(),
              now,
              h.suppressed(),
              h.latencyEwmaMillis(),
              h.lastFailure()));
    }
    health.putAll(fresh);
  }

  public Drill drill(String id, Region region, DrillMode mode, Instant start, Duration length) {
    return new Drill(
        new DrillId(id),
        SERVICE,
        region,
        mode,
        start,
        start.plus(length),
        "game day",
        "alice",
        DrillState.PENDING,
        Optional.empty(),
        clock.instant(),
        clock.instant());
  }

  public SchedulerService scheduler(String holder) {
    return scheduler(holder, leases);
  }

  public SchedulerService scheduler(String holder, LeaseStore leaseStore) {
    return new SchedulerService(
        endpoints,
        health,
        drills,
        plans,
        aggregated,
        dns,
        leaseStore,
        audit,
        events,
        decisions,
        metrics,
        new SchedulerSettings(holder, Duration.ofSeconds(30), Duration.ofMinutes(10)),
        clock);
  }

  public AggregatorService aggregator() {
    return new AggregatorService(
        endpoints, health, aggregated, audit, events, trigger, decisions, metrics, clock);
  }

  public PlanningService planning() {
    return new PlanningService(endpoints, health, drills, plans, aggregated, dns, clock);
  }

  public StatusService status() {
    return new StatusService(endpoints, health, drills, plans, clock);
  }

  public List<AuditEvent> audit(AuditEvent.Kind kind) {
    return audit.all(SERVICE).stream().filter(e -> e.kind() == kind).toList();
  }
}
