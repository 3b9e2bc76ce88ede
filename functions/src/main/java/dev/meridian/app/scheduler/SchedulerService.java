package dev.meridian.app.scheduler;

import dev.meridian.app.drill.DrillAdvancer;
import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.HealthEvaluation;
import dev.meridian.app.planning.ServiceSnapshot;
import dev.meridian.app.planning.SnapshotLoader;
import dev.meridian.app.scheduler.RunResult.Outcome;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.plan.DrainRamp;
import dev.meridian.core.plan.Planner;
import dev.meridian.core.plan.PlanningInput;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.DnsPublishException;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.Lease;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.PublishedPlan;
import dev.meridian.core.port.StaleFencingTokenException;
import dev.meridian.core.port.StoreException;
import dev.meridian.observability.DecisionLog;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The scheduler: for one service, takes the lease, loads the inputs, advances drills, runs the core
 * planner, publishes through the {@link DnsPublisher} and stores the plan. Runs on every trigger
 * from the aggregator and once a minute for every service (the reconcile loop).
 *
 * <p>Idempotent: a plan that routes like the stored one is neither published nor stored again, so a
 * second run in a row makes no DNS change, writes no plan version and appends no audit event. Fail
 * static: when a store or DNS fails, what is published stays; the failure is logged and counted
 * ({@link MetricNames#PUBLISH_FAILURES}) and the next run retries from the stored state. Fenced:
 * the lease is checked right before any write, and the plan store rejects a plan carrying an older
 * fencing token than the stored one.
 *
 * <p>Drains (ADR 0012): once a draining endpoint's ramp is at 0 and the published plan no longer
 * carries it, the lease holder sets its state to DRAINING with a conditional write on the version
 * it read, and audits it once. A lost race (the operator cancelled or changed it) writes nothing;
 * the next run decides again.
 */
public final class SchedulerService {
  public static final String LEASE_PREFIX = "scheduler#";
  public static final String ACTOR = "scheduler";

  private final EndpointRepository endpoints;
  private final SnapshotLoader loader;
  private final PlanStore plans;
  private final DnsPublisher dns;
  private final LeaseStore leases;
  private final AuditLog audit;
  private final AuditEvents events;
  private final DrillAdvancer drillAdvancer;
  private final DecisionLog decisions;
  private final MeridianMetrics metrics;
  private final SchedulerSettings settings;
  private final Clock clock;

  /** Last fencing token this instance held per lease key, to count lease changes. */
  private final Map<String, Long> heldTokens = new ConcurrentHashMap<>();

  /** ACTIVE drills per service as of this instance's last run, for the fleet gauge. */
  private final Map<ServiceName, Integer> activeDrillsSeen = new ConcurrentHashMap<>();

  /** When this instance last compared each service's DNS against its plan. */
  private final Map<ServiceName, Instant> lastDnsCheck = new ConcurrentHashMap<>();

  public SchedulerService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      AggregatedHealthStore aggregated,
      DnsPublisher dns,
      LeaseStore leases,
      AuditLog audit,
      AuditEvents events,
      DecisionLog decisions,
      MeridianMetrics metrics,
      SchedulerSettings settings,
      Clock clock) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.loader = new SnapshotLoader(endpoints, health, drills, plans, aggregated);
    this.plans = Objects.requireNonNull(plans, "plans");
    this.dns = Objects.requireNonNull(dns, "dns");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.events = Objects.requireNonNull(events, "events");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.drillAdvancer = new DrillAdvancer(drills, audit, events, decisions);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs the scheduler once for every registered service and reports the fleet gauges. */
  public List<RunResult> reconcileAll() {
    List<ServiceName> services;
    try {
      services = endpoints.listServices().stream().map(v -> v.value().name()).sorted().toList();
    } catch (StoreException e) {
      metrics.increment(MetricNames.PUBLISH_FAILURES);
      decisions.warn(
          "scheduler.fail_static",
          null,
          "cannot list services; keeping what is published",
          Map.of("error", errorOf(e)));
      return List.of();
    }
    List<RunResult> results = new ArrayList<>();
    int panic = 0;
    int activeDrills = 0;
    for (ServiceName s : services) {
      RunResult r = runOnce(s);
      results.add(r);
      if (r.mode().orElse(PlanMode.NORMAL) == PlanMode.PANIC) {
        panic++;
      }
      activeDrills += activeDrillsSeen.getOrDefault(s, 0);
    }
    metrics.gauge(MetricNames.PANIC_MODE, panic);
    metrics.gauge(MetricNames.ACTIVE_DRILLS, activeDrills);
    return results;
  }

  /** Runs the scheduler once for one service. Never throws for a store or DNS failure. */
  public RunResult runOnce(ServiceName service) {
    Objects.requireNonNull(service, "service");
    String key = LEASE_PREFIX + service.value();
    Optional<RoutingPlan> computed = Optional.empty();
    try {
      Instant start = clock.instant();
      Optional<Lease> acquired =
          leases.tryAcquire(key, settings.holderId(), settings.leaseTtl(), start);
      if (acquired.isEmpty()) {
        heldTokens.remove(key);
        return RunResult.of(service, Outcome.NOT_LEADER, "lease held by another scheduler");
      }
      Lease lease = acquired.get();
      noteLease(service, key, lease);

      ServiceSnapshot snapshot = loader.load(service);
      Instant now = clock.instant();
      var health =
          HealthEvaluation.evaluate(
              snapshot.serviceConfig(), snapshot.endpoints(), snapshot.health(), now);

      List<DrillAdvancer.DrillStep> steps = DrillAdvancer.steps(snapshot, health, now);
      if (!steps.isEmpty()) {
        leases.checkCurrent(key, lease.fencingToken(), clock.instant());
      }
      List<Drill> drills = drillAdvancer.apply(snapshot, steps, ACTOR);
      activeDrillsSeen.put(
          service, (int) drills.stream().filter(d -> d.state() == DrillState.ACTIVE).count());

      Optional<Versioned<PublishedPlan>> previous = snapshot.lastPublished();
      Optional<RoutingPlan> previousPlan = previous.map(v -> v.value().plan());
      RoutingPlan plan =
          Planner.plan(
              new PlanningInput(
                  snapshot.serviceConfig(),
                  snapshot.endpoints(),
                  snapshot.health(),
                  drills,
                  previousPlan,
                  now,
                  snapshot.announcedHealthySince()));
      computed = Optional.of(plan);

      boolean routingChanged = previousPlan.map(p -> !p.sameRouting(plan)).orElse(true);
      if (!routingChanged && !dnsCheckDue(service, now)) {
        finishDrains(snapshot, plan, key, lease, now);
        return unchanged(service, plan);
      }

      var desired = RecordSets.desired(plan);
      leases.checkCurrent(key, lease.fencingToken(), clock.instant());
      PublishResult published = dns.publish(service, desired, lease.fencingToken());
      // Route53Calls is counted by the publisher itself, per request including retries.
      lastDnsCheck.put(service, now);
      boolean dnsChanged = !published.changes().isEmpty();
      if (!routingChanged && !dnsChanged) {
        finishDrains(snapshot, plan, key, lease, now);
        return unchanged(service, plan);
      }

      Optional<String> changeId =
          dnsChanged ? published.changeId() : previous.flatMap(v -> v.value().changeId());
      plans.save(
          new PublishedPlan(plan, changeId, now, lease.fencingToken()),
          previous.map(Versioned::version).orElse(Versioned.NEW));
      recordPublication(service, previousPlan, plan, published, changeId, snapshot, now);
      finishDrains(snapshot, plan, key, lease, now);
      return new RunResult(
          service,
          Outcome.PUBLISHED,
          published.changes().size(),
          changeId,
          Optional.of(plan.mode()),
          routingChanged ? "routing changed" : "DNS repaired");
    } catch (StaleFencingTokenException e) {
      heldTokens.remove(key);
      metrics.increment(MetricNames.LEASE_CHANGES);
      decisions.warn(
          "lease.lost",
          service,
          "lease lost during the run; nothing published",
          Map.of("presented", e.presented(), "current", e.current()));
      return withMode(RunResult.of(service, Outcome.LEASE_LOST, e.getMessage()), computed);
    } catch (NotFoundException e) {
      return RunResult.of(service, Outcome.NOT_FOUND, e.getMessage());
    } catch (ConflictException e) {
      // Another scheduler stored a plan between our read and our write: it won; DNS already has
      // its (or our identical) records, and the next run starts from its plan.
      metrics.increment(MetricNames.PUBLISH_FAILURES);
      decisions.warn(
          "scheduler.conflict",
          service,
          "plan store changed concurrently; next run re-plans",
          Map.of("error", errorOf(e)));
      return withMode(RunResult.of(service, Outcome.FAILED, e.getMessage()), computed);
    } catch (DnsPublishException | dev.meridian.core.port.StoreUnavailableException e) {
      metrics.increment(MetricNames.PUBLISH_FAILURES);
      decisions.warn(
          "scheduler.fail_static",
          service,
          "keeping what is published",
          Map.of(
              "error", errorOf(e),
              "retryable", e.retryable(),
              "stage", e instanceof DnsPublishException ? "dns" : "store"));
      return withMode(RunResult.of(service, Outcome.FAILED, e.getMessage()), computed);
    }
  }

  /**
   * Sets DRAINING the endpoints whose drain ramp is complete and which {@code plan} (now published)
   * no longer carries. Best effort after a successful publication: a failure here is logged and
   * left to the next run, never reported as a failed publication.
   */
  private void finishDrains(
      ServiceSnapshot snapshot, RoutingPlan plan, String key, Lease lease, Instant now) {
    ServiceConfig config = snapshot.serviceConfig();
    List<Endpoint> ready = DrainRamp.readyToMarkDrained(config, snapshot.endpoints(), plan, now);
    if (ready.isEmpty()) {
      return;
    }
    ServiceName service = config.name();
    try {
      leases.checkCurrent(key, lease.fencingToken(), clock.instant());
      for (Endpoint e : ready) {
        Optional<Versioned<Endpoint>> current = endpoints.findEndpoint(service, e.id());
        if (current.isEmpty() || !current.get().value().equals(e)) {
          continue; // changed since the snapshot (cancelled, patched, removed): next run decides
        }
        Versioned<Endpoint> saved;
        try {
          saved =
              endpoints.saveEndpoint(e.withState(EndpointState.DRAINING), current.get().version());
        } catch (ConflictException race) {
          decisions.info(
              "endpoint.drain_deferred",
              service,
              "endpoint " + e.id() + " changed while being set DRAINING; next run decides",
              Map.of("endpoint", e.id().value()));
          continue;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("endpoint", e.id().value());
        details.put("region", e.region().code());
        details.put("state", "ACTIVE -> DRAINING");
        details.put("weight", e.weight() + " -> 0");
        details.put("drainStartedAt", e.drainStartedAt().orElseThrow().toString());
        details.put("drainDuration", config.drainDuration().toString());
        details.put("version", Long.toString(saved.version()));
        String summary =
            "endpoint "
                + e.id()
                + " drained: weight ramped from "
                + e.weight()
                + " to 0 over "
                + config.drainDuration()
                + " and it left the records; state DRAINING";
        audit.append(
            events.create(service, now, AuditEvent.Kind.ENDPOINT_CHANGED, ACTOR, summary, details));
        decisions.info("endpoint.drained", service, summary, details);
      }
    } catch (StoreException e) {
      decisions.warn(
          "endpoint.drain_deferred",
          service,
          "cannot set drained endpoints DRAINING now; next run retries",
          Map.of("error", errorOf(e)));
    }
  }

  private RunResult unchanged(ServiceName service, RoutingPlan plan) {
    return new RunResult(
        service, Outcome.UNCHANGED, 0, Optional.empty(), Optional.of(plan.mode()), "unchanged");
  }

  private static RunResult withMode(RunResult r, Optional<RoutingPlan> plan) {
    return new RunResult(
        r.service(),
        r.outcome(),
        r.dnsChanges(),
        r.changeId(),
        plan.map(RoutingPlan::mode),
        r.detail());
  }

  private boolean dnsCheckDue(ServiceName service, Instant now) {
    Instant last = lastDnsCheck.get(service);
    return last == null || !now.isBefore(last.plus(settings.dnsCheckInterval()));
  }

  private void noteLease(ServiceName service, String key, Lease lease) {
    Long before = heldTokens.put(key, lease.fencingToken());
    if (before == null || before != lease.fencingToken()) {
      metrics.increment(MetricNames.LEASE_CHANGES);
      decisions.info(
          "lease.acquired",
          service,
          "scheduler lease acquired",
          Map.of("holder", lease.holder(), "expiresAt", lease.expiresAt()));
    }
  }

  private void recordPublication(
      ServiceName service,
      Optional<RoutingPlan> previous,
      RoutingPlan plan,
      PublishResult published,
      Optional<String> changeId,
      ServiceSnapshot snapshot,
      Instant now) {
    metrics.increment(MetricNames.PLAN_PUBLICATIONS);
    lagSeconds(snapshot, now).ifPresent(l -> metrics.gauge(MetricNames.SCHEDULER_LAG_SECONDS, l));

    Map<String, String> details = new LinkedHashMap<>();
    details.put("mode", plan.mode().name());
    details.put("from", previous.map(SchedulerService::weights).orElse("(none)"));
    details.put("to", weights(plan));
    details.put("changes", Integer.toString(published.changes().size()));
    changeId.ifPresent(c -> details.put("changeId", c));
    plan.capacityWarning().ifPresent(w -> details.put("capacityWarning", w));
    String summary =
        "plan published: "
            + weights(plan)
            + " ("
            + published.changes().size()
            + " DNS changes"
            + changeId.map(c -> ", change " + c).orElse("")
            + ")";
    audit.append(
        events.create(service, now, AuditEvent.Kind.PLAN_PUBLISHED, ACTOR, summary, details));
    decisions.info("plan.published", service, summary, details);

    PlanMode before = previous.map(RoutingPlan::mode).orElse(PlanMode.NORMAL);
    if ((before == PlanMode.PANIC) != (plan.mode() == PlanMode.PANIC)) {
      boolean entered = plan.mode() == PlanMode.PANIC;
      String why =
          plan.explanation().stream()
              .filter(l -> l.startsWith("PANIC"))
              .findFirst()
              .orElse(entered ? "healthy capacity below the panic threshold" : "capacity restored");
      Map<String, String> panic =
          Map.of("from", before.name(), "to", plan.mode().name(), "evidence", why);
      String text = (entered ? "entered PANIC: " : "left PANIC: ") + why;
      audit.append(events.create(service, now, AuditEvent.Kind.PANIC, ACTOR, text, panic));
      decisions.warn(entered ? "panic.entered" : "panic.left", service, text, panic);
    }
  }

  /**
   * Seconds from the oldest vantage transition that this publication is the first to reflect (newer
   * than the previous publication) until now.
   */
  static Optional<Double> lagSeconds(ServiceSnapshot snapshot, Instant now) {
    Instant since =
        snapshot.lastPublished().map(v -> v.value().publishedAt()).orElse(Instant.EPOCH);
    return snapshot.health().stream()
        .map(VantageHealth::lastTransitionAt)
        .flatMap(Optional::stream)
        .filter(t -> t.isAfter(since) && !t.isAfter(now))
        .min(Instant::compareTo)
        .map(t -> Duration.between(t, now).toMillis() / 1000.0);
  }

  static String weights(RoutingPlan plan) {
    return plan.regions().stream()
        .map(r -> r.region().code() + "=" + describe(plan, r))
        .collect(Collectors.joining(","));
  }

  private static String describe(RoutingPlan plan, RegionRoute r) {
    return switch (plan.policy()) {
      case WEIGHTED -> Integer.toString(r.weight());
      case FAILOVER -> r.role().name();
      case LATENCY, MULTIVALUE -> r.included() ? "in" : "out";
    };
  }

  private static String errorOf(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
