package dev.meridian.app.aggregator;

import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.HealthEvaluation;
import dev.meridian.app.scheduler.SchedulerTrigger;
import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.HealthAggregation;
import dev.meridian.core.health.RegionHealth;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.StoreException;
import dev.meridian.observability.DecisionLog;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns vantage health changes into endpoint and region verdict transitions. A stream batch only
 * says which services changed; the transitions are the difference between the verdicts evaluated
 * from the health table now and the verdicts last announced, which are explicit state in the {@link
 * AggregatedHealthStore} (ADR 0010). A "before" rebuilt from a batch's old images is not enough:
 * the table may already hold writes whose changes come in a later batch, or in another region's
 * aggregator, so a quorum completed across batches was seen by none of them.
 *
 * <p>Exactly once: the new verdicts are saved with optimistic concurrency (the loser of a race, a
 * redelivered or a later batch re-reads them and finds nothing to announce), together with the
 * transitions' audit events, which are appended next and then cleared from the state; appends are
 * idempotent on their time and id, so a failure in between is repaired by the next batch of the
 * service. Each transition is logged as one decision line; the services with a transition are
 * handed to the {@link SchedulerTrigger}.
 *
 * <p>Changes are processed in order, each service at its first change. When a service cannot be
 * processed (a store is down), its first change and every change after it are reported in {@link
 * AggregationResult#failed()} for redelivery, as a stream shard requires; nothing after it is
 * processed. A failed trigger is only logged: the transitions are recorded, and the scheduler's
 * one-minute reconcile loop publishes their effect anyway.
 */
public final class AggregatorService {
  public static final String ACTOR = "aggregator";

  /** Saves lost to another aggregator before a batch's service is reported for redelivery. */
  static final int MAX_ATTEMPTS = 5;

  private final EndpointRepository endpoints;
  private final HealthStore health;
  private final AggregatedHealthStore aggregated;
  private final AuditLog audit;
  private final AuditEvents events;
  private final SchedulerTrigger trigger;
  private final DecisionLog decisions;
  private final MeridianMetrics metrics;
  private final Clock clock;

  public AggregatorService(
      EndpointRepository endpoints,
      HealthStore health,
      AggregatedHealthStore aggregated,
      AuditLog audit,
      AuditEvents events,
      SchedulerTrigger trigger,
      DecisionLog decisions,
      MeridianMetrics metrics,
      Clock clock) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.health = Objects.requireNonNull(health, "health");
    this.aggregated = Objects.requireNonNull(aggregated, "aggregated");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.events = Objects.requireNonNull(events, "events");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Processes one ordered batch of changes (one stream shard's batch). */
  public AggregationResult onHealthChanges(List<HealthChange> changes) {
    // The latest change of each endpoint in the batch: the cause named in its audit events.
    Map<ServiceName, Map<EndpointId, HealthChange>> causes = new HashMap<>();
    for (HealthChange c : changes) {
      causes.computeIfAbsent(c.service(), s -> new HashMap<>()).put(c.endpoint(), c);
    }
    Set<ServiceName> done = new HashSet<>();
    List<Transition> transitions = new ArrayList<>();
    Set<ServiceName> affected = new LinkedHashSet<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      HealthChange c = changes.get(i);
      if (!done.add(c.service())) {
        continue; // the service was aggregated from the table at its first change
      }
      try {
        Outcome out = aggregate(c.service(), causes.get(c.service()));
        transitions.addAll(out.found());
        if (!out.found().isEmpty() || out.recovered()) {
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

  /**
   * @param found the transitions this call announced
   * @param recovered whether it appended a previous run's unrecorded audit events
   */
  private record Outcome(List<Transition> found, boolean recovered) {}

  /** Announces the service's verdict changes since the last announcement (retrying lost races). */
  private Outcome aggregate(ServiceName service, Map<EndpointId, HealthChange> causes) {
    for (int attempt = 1; ; attempt++) {
      try {
        return aggregateOnce(service, causes);
      } catch (ConflictException | NotFoundException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        decisions.info(
            "aggregator.race",
            service,
            "another aggregator saved first; re-reading",
            Map.of("attempt", attempt));
      }
    }
  }

  private Outcome aggregateOnce(ServiceName service, Map<EndpointId, HealthChange> causes) {
    // The announced state is read before the table: whatever another aggregator saves after this
    // read makes the save below fail and this one re-read both.
    Versioned<AggregatedHealthStore.State> state =
        aggregated
            .find(service)
            .orElse(new Versioned<>(AggregatedHealthStore.State.initial(service), Versioned.NEW));
    boolean recovered = !state.value().unrecorded().isEmpty();
    if (recovered) {
      // A previous run saved an announcement but may not have appended all of it.
      int n = state.value().unrecorded().size();
      state.value().unrecorded().forEach(audit::append);
      state = aggregated.save(state.value().recorded(), state.version());
      decisions.info(
          "aggregator.recovered",
          service,
          "appended the audit events of an interrupted announcement",
          Map.of("events", n));
    }
    Optional<Versioned<ServiceConfig>> config = endpoints.findService(service);
    if (config.isEmpty()) {
      return new Outcome(List.of(), recovered); // the service was deleted: nothing to route
    }
    List<Endpoint> eps = endpoints.listEndpoints(service).stream().map(Versioned::value).toList();
    Instant now = clock.instant();
    Map<EndpointId, EndpointHealth> verdicts =
        HealthEvaluation.evaluate(config.get().value(), eps, health.list(service), now);
    List<RegionHealth> regions = HealthAggregation.regions(eps, verdicts);
    AggregatedHealth.Diff diff = state.value().verdicts().diff(verdicts.values(), regions);
    if (diff.changes().isEmpty()) {
      if (!diff.next().equals(state.value().verdicts())) {
        // Only deregistered endpoints dropped out: keep the state small, without an announcement.
        aggregated.save(new AggregatedHealthStore.State(diff.next(), List.of()), state.version());
      }
      return new Outcome(List.of(), recovered);
    }
    List<Transition> found = new ArrayList<>();
    List<AuditEvent> toRecord = new ArrayList<>();
    for (AggregatedHealth.Change ch : diff.changes()) {
      Transition t =
          new Transition(
              service, ch.region(), ch.endpoint(), ch.from().name(), ch.to().name(), ch.evidence());
      found.add(t);
      toRecord.add(event(t, cause(ch, causes, eps), now));
    }
    Versioned<AggregatedHealthStore.State> saved =
        aggregated.save(new AggregatedHealthStore.State(diff.next(), toRecord), state.version());
    for (int i = 0; i < toRecord.size(); i++) {
      audit.append(toRecord.get(i));
      metrics.increment(MetricNames.HEALTH_TRANSITIONS);
      Transition t = found.get(i);
      decisions.info(
          t.isRegion() ? "region.transition" : "endpoint.transition",
          service,
          toRecord.get(i).summary(),
          toRecord.get(i).details());
    }
    try {
      aggregated.save(saved.value().recorded(), saved.version());
    } catch (ConflictException | NotFoundException e) {
      // Someone saved after us: they appended (idempotently) whatever was unrecorded.
    }
    return new Outcome(found, recovered);
  }

  /** The batch's latest change of the endpoint (or of an endpoint in the region), if any. */
  private static Optional<HealthChange> cause(
      AggregatedHealth.Change ch, Map<EndpointId, HealthChange> causes, List<Endpoint> eps) {
    if (ch.endpoint().isPresent()) {
      return Optional.ofNullable(causes.get(ch.endpoint().get()));
    }
    HealthChange latest = null;
    for (Endpoint e : eps) {
      HealthChange c = causes.get(e.id());
      if (e.region().equals(ch.region())
          && c != null
          && (latest == null || Long.compare(order(c), order(latest)) > 0)) {
        latest = c;
      }
    }
    return Optional.ofNullable(latest);
  }

  private static long order(HealthChange c) {
    return c.after().or(c::before).map(h -> h.lastProbeAt().toEpochMilli()).orElse(0L);
  }

  private AuditEvent event(Transition t, Optional<HealthChange> cause, Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("region", t.region().code());
    t.endpoint().ifPresent(e -> details.put("endpoint", e.value()));
    details.put("from", t.from());
    details.put("to", t.to());
    cause.ifPresent(c -> details.put("vantage", c.vantage().code()));
    details.put("evidence", t.evidence());
    cause
        .flatMap(HealthChange::after)
        .flatMap(VantageHealth::lastFailure)
        .ifPresent(f -> details.put("lastFailure", f));
    String subject =
        t.endpoint()
            .map(e -> "endpoint " + e + " (" + t.region() + ")")
            .orElse("region " + t.region());
    String summary = subject + " " + t.from() + " -> " + t.to() + ": " + t.evidence();
    AuditEvent.Kind kind =
        t.isRegion() ? AuditEvent.Kind.REGION_TRANSITION : AuditEvent.Kind.HEALTH_TRANSITION;
    return events.create(t.service(), now, kind, ACTOR, summary, details);
  }
}
