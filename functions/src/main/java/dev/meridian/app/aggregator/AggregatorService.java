package dev.meridian.app.aggregator;

import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.HealthEvaluation;
import dev.meridian.app.scheduler.SchedulerTrigger;
import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.RegionHealth;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.StoreException;
import dev.meridian.observability.DecisionLog;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns vantage health changes into endpoint and region verdict transitions. For each change it
 * evaluates the endpoint's quorum (and its region's verdict) just before and just after the change,
 * over every vantage's record of the endpoint, re-read from the {@link HealthStore} and rewound to
 * the start of the batch, so a batch with several changes of one endpoint yields each transition
 * exactly once. Each transition is appended to the audit log and logged as one decision line; the
 * services with a transition are handed to the {@link SchedulerTrigger}.
 *
 * <p>At-least-once, deduplicated: the store already holds writes whose stream records come in a
 * later batch, and a failed batch is redelivered, so the same transition can be detected twice.
 * Before recording one, the service looks up the service's recent audit events: the same transition
 * (same subject, from and to) recorded within {@link #DUPLICATE_WINDOW} is not recorded again (the
 * scheduler is still triggered; triggers are idempotent).
 *
 * <p>Changes are processed in order. When one cannot be processed (a store is down), it and every
 * change after it are reported in {@link AggregationResult#failed()} for redelivery, as a stream
 * shard requires; nothing after it is processed, so redelivery does not duplicate audit events. A
 * failed trigger is only logged: the transitions are recorded, and the scheduler's one-minute
 * reconcile loop publishes their effect anyway.
 */
public final class AggregatorService {
  public static final String ACTOR = "aggregator";

  /** How far back an identical transition counts as already recorded. */
  public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(5);

  /** How many recent audit events of a service are read to find duplicates. */
  static final int RECENT_EVENTS = 100;

  private final EndpointRepository endpoints;
  private final HealthStore health;
  private final AuditLog audit;
  private final AuditEvents events;
  private final SchedulerTrigger trigger;
  private final DecisionLog decisions;
  private final MeridianMetrics metrics;
  private final Clock clock;

  public AggregatorService(
      EndpointRepository endpoints,
      HealthStore health,
      AuditLog audit,
      AuditEvents events,
      SchedulerTrigger trigger,
      DecisionLog decisions,
      MeridianMetrics metrics,
      Clock clock) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.health = Objects.requireNonNull(health, "health");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.events = Objects.requireNonNull(events, "events");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Processes one ordered batch of changes (one stream shard's batch). */
  public AggregationResult onHealthChanges(List<HealthChange> changes) {
    Instant now = clock.instant();
    Map<VoteKey, Optional<VantageHealth>> batchStart = new HashMap<>();
    for (HealthChange c : changes) {
      batchStart.putIfAbsent(new VoteKey(c.service(), c.endpoint(), c.vantage()), c.before());
    }
    Map<ServiceName, Optional<ServiceView>> views = new HashMap<>();
    Map<ServiceName, List<AuditEvent>> recent = new HashMap<>();
    List<Transition> transitions = new ArrayList<>();
    Set<ServiceName> affected = new LinkedHashSet<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      HealthChange c = changes.get(i);
      try {
        Optional<ServiceView> view = views.get(c.service());
        if (view == null) {
          view = load(c.service(), batchStart, now);
          views.put(c.service(), view);
        }
        if (view.isEmpty()) {
          continue; // the service was deleted: nothing to route
        }
        List<Transition> found = view.get().apply(c);
        for (Transition t : found) {
          List<AuditEvent> known =
              recent.computeIfAbsent(
                  c.service(),
                  s -> new ArrayList<>(audit.list(s, Optional.empty(), RECENT_EVENTS).items()));
          if (alreadyRecorded(t, known, now)) {
            decisions.info(
                "aggregator.duplicate",
                t.service(),
                "transition already recorded",
                Map.of("region", t.region().code(), "from", t.from(), "to", t.to()));
            continue;
          }
          known.add(0, record(t, c, now));
        }
        transitions.addAll(found);
        if (!found.isEmpty()) {
          affected.add(c.service());
        }
      } catch (StoreException e) {
        changes.subList(i, changes.size()).forEach(x -> failed.add(x.id()));
        decisions.warn(
            "aggregator.retry",
            c.service(),
            "store unavailable; change and the rest of the batch will be redelivered",
            Map.of(
                "change",
                c.id(),
                "remaining",
                changes.size() - i,
                "error",
                e.getClass().getSimpleName() + ": " + e.getMessage()));
        break;
      }
    }
    if (!affected.isEmpty()) {
      try {
        trigger.trigger(affected);
      } catch (RuntimeException e) {
        decisions.warn(
            "aggregator.trigger_failed",
            null,
            "scheduler trigger failed; the reconcile loop will publish",
            Map.of(
                "services",
                affected.toString(),
                "error",
                e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
    return new AggregationResult(transitions, affected, failed);
  }

  private Optional<ServiceView> load(
      ServiceName service, Map<VoteKey, Optional<VantageHealth>> batchStart, Instant now) {
    Optional<Versioned<ServiceConfig>> config = endpoints.findService(service);
    if (config.isEmpty()) {
      return Optional.empty();
    }
    List<Endpoint> eps = endpoints.listEndpoints(service).stream().map(Versioned::value).toList();
    Map<EndpointId, Map<Region, VantageHealth>> votes = new TreeMap<>();
    for (VantageHealth h : health.list(service)) {
      votes.computeIfAbsent(h.endpoint(), k -> new TreeMap<>()).put(h.vantage(), h);
    }
    // Rewind every vantage this batch touches to its state before the batch.
    batchStart.forEach(
        (k, before) -> {
          if (!k.service().equals(service)) {
            return;
          }
          Map<Region, VantageHealth> m = votes.computeIfAbsent(k.endpoint(), x -> new TreeMap<>());
          before.ifPresentOrElse(b -> m.put(k.vantage(), b), () -> m.remove(k.vantage()));
        });
    return Optional.of(new ServiceView(config.get().value(), eps, votes, now));
  }

  static boolean alreadyRecorded(Transition t, List<AuditEvent> recentNewestFirst, Instant now) {
    AuditEvent.Kind kind =
        t.isRegion() ? AuditEvent.Kind.REGION_TRANSITION : AuditEvent.Kind.HEALTH_TRANSITION;
    String endpoint = t.endpoint().map(EndpointId::value).orElse(null);
    for (AuditEvent e : recentNewestFirst) {
      if (e.kind() != kind
          || !t.region().code().equals(e.details().get("region"))
          || !java.util.Objects.equals(endpoint, e.details().get("endpoint"))) {
        continue;
      }
      // The latest recorded transition of this subject decides.
      return t.from().equals(e.details().get("from"))
          && t.to().equals(e.details().get("to"))
          && !e.at().isBefore(now.minus(DUPLICATE_WINDOW));
    }
    return false;
  }

  private AuditEvent record(Transition t, HealthChange cause, Instant now) {
    metrics.increment(MetricNames.HEALTH_TRANSITIONS);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("region", t.region().code());
    t.endpoint().ifPresent(e -> details.put("endpoint", e.value()));
    details.put("from", t.from());
    details.put("to", t.to());
    details.put("vantage", cause.vantage().code());
    details.put("evidence", t.evidence());
    cause.after().flatMap(VantageHealth::lastFailure).ifPresent(f -> details.put("lastFailure", f));
    String subject =
        t.endpoint()
            .map(e -> "endpoint " + e + " (" + t.region() + ")")
            .orElse("region " + t.region());
    String summary = subject + " " + t.from() + " -> " + t.to() + ": " + t.evidence();
    AuditEvent.Kind kind =
        t.isRegion() ? AuditEvent.Kind.REGION_TRANSITION : AuditEvent.Kind.HEALTH_TRANSITION;
    AuditEvent event = events.create(t.service(), now, kind, ACTOR, summary, details);
    audit.append(event);
    decisions.info(
        t.isRegion() ? "region.transition" : "endpoint.transition", t.service(), summary, details);
    return event;
  }

  private record VoteKey(ServiceName service, EndpointId endpoint, Region vantage) {}

  /** One service's endpoints and vantage records as the batch moves them along. */
  private static final class ServiceView {
    private final ServiceConfig config;
    private final List<Endpoint> endpoints;
    private final Map<EndpointId, Endpoint> byId = new HashMap<>();
    private final Map<EndpointId, Map<Region, VantageHealth>> votes;
    private final Map<EndpointId, EndpointHealth> verdicts = new TreeMap<>();
    private final Instant now;

    ServiceView(
        ServiceConfig config,
        List<Endpoint> endpoints,
        Map<EndpointId, Map<Region, VantageHealth>> votes,
        Instant now) {
      this.config = config;
      this.endpoints = endpoints;
      this.votes = votes;
      this.now = now;
      endpoints.forEach(e -> byId.put(e.id(), e));
      endpoints.forEach(e -> verdicts.put(e.id(), evaluate(e)));
    }

    private EndpointHealth evaluate(Endpoint e) {
      List<VantageHealth> mine = List.copyOf(votes.getOrDefault(e.id(), Map.of()).values());
      return HealthEvaluation.evaluate(config, e, mine, now);
    }

    private RegionHealth region(Region r) {
      return HealthEvaluation.region(r, endpoints, verdicts);
    }

    /** Applies the change and returns the transitions it causes (endpoint first, then region). */
    List<Transition> apply(HealthChange c) {
      Endpoint e = byId.get(c.endpoint());
      Map<Region, VantageHealth> m = votes.computeIfAbsent(c.endpoint(), x -> new TreeMap<>());
      c.after().ifPresentOrElse(a -> m.put(c.vantage(), a), () -> m.remove(c.vantage()));
      if (e == null) {
        return List.of(); // deregistered: its records are going away
      }
      EndpointHealth before = verdicts.get(e.id());
      RegionHealth regionBefore = region(e.region());
      EndpointHealth after = evaluate(e);
      verdicts.put(e.id(), after);
      List<Transition> out = new ArrayList<>();
      String from = before.verdict().name();
      String to = after.verdict().name();
      if (!from.equals(to)) {
        out.add(
            new Transition(
                c.service(), e.region(), Optional.of(e.id()), from, to, after.evidence()));
      }
      RegionHealth regionAfter = region(e.region());
      String rFrom = regionBefore.verdict().name();
      String rTo = regionAfter.verdict().name();
      if (!rFrom.equals(rTo)) {
        out.add(
            new Transition(
                c.service(),
                e.region(),
                Optional.empty(),
                rFrom,
                rTo,
                String.format(
                    "healthy capacity %.0f%% -> %.0f%%",
                    100 * regionBefore.fraction(), 100 * regionAfter.fraction())));
      }
      return out;
    }
  }
}
