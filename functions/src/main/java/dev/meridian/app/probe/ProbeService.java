package dev.meridian.app.probe;

import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.core.health.HealthTransition;
import dev.meridian.core.health.VantageStateMachine;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.StoreException;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import dev.meridian.probe.ProbeEngine;
import dev.meridian.probe.ProbeTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vantage's probe loop: probes every endpoint of its shard once per probe interval, folds each
 * result into the per-(endpoint, vantage) state machine of the core and hands the records to the
 * {@link DeltaHealthWriter}, which writes only changes and heartbeats.
 *
 * <p>Scheduling is per endpoint by next-due time, so services with different intervals coexist; a
 * cycle probes whatever is due. The endpoint list is reloaded every {@link
 * ProbeServiceConfig#refreshInterval()}. The per-vantage state lives in memory across cycles and
 * invocations and is seeded from the {@link HealthStore}, so a cold Lambda continues counting rises
 * and falls where the previous one stopped; at the start of every {@link #runFor} the store's
 * record wins when it is newer (another execution environment may have probed this shard since).
 *
 * <p>At the end of each {@link #runFor} the records that hold evidence towards a transition not yet
 * written (a failure streak shorter than {@code fall}, say) are written once, so that the next
 * invocation continues counting from them.
 *
 * <p>Failure handling: if the repository cannot be read, the previous endpoint list is kept (it
 * fails only when there is none yet); if a service's health records cannot be read, its endpoints
 * wait for the next cycle rather than restart from UNKNOWN; a failed health write is logged and
 * retried with the next cycle's records. Every state change is logged as one line and counted
 * ({@value MetricNames#HEALTH_TRANSITIONS}), as are probes ({@value MetricNames#PROBE_ATTEMPTS},
 * {@value MetricNames#PROBE_FAILURES}).
 *
 * <p>Thread safe (one loop at a time); local mode runs one instance per vantage over one shared
 * {@link ProbeEngine}.
 */
public final class ProbeService {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeService.class);

  private record Key(ServiceName service, EndpointId endpoint) {
    static Key of(Endpoint e) {
      return new Key(e.service(), e.id());
    }
  }

  private record Scheduled(Endpoint endpoint, ServiceConfig config) {}

  private final ProbeServiceConfig config;
  private final EndpointRepository endpoints;
  private final HealthStore healthStore;
  private final DeltaHealthWriter writer;
  private final ProbeEngine engine;
  private final MeridianMetrics metrics;
  private final Clock clock;
  private final Sleeper sleeper;

  private final Map<Key, Scheduled> owned = new LinkedHashMap<>();
  private final Map<Key, VantageHealth> states = new HashMap<>();
  private final Map<Key, Instant> nextDue = new HashMap<>();
  private Shard shard;
  private Instant lastRefresh;
  private boolean reloadNow;
  private boolean reseed;

  public ProbeService(
      ProbeServiceConfig config,
      EndpointRepository endpoints,
      HealthStore healthStore,
      DeltaHealthWriter writer,
      ProbeEngine engine,
      MeridianMetrics metrics,
      Clock clock,
      Sleeper sleeper) {
    this.config = Objects.requireNonNull(config, "config");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.healthStore = Objects.requireNonNull(healthStore, "healthStore");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  public ProbeServiceConfig config() {
    return config;
  }

  /** {@link #runFor(Shard, Duration)} over all endpoints (one shard). */
  public ProbeRunSummary runFor(Duration budget) throws InterruptedException {
    return runFor(Shard.ALL, budget);
  }

  /**
   * The Lambda loop: runs cycles until {@code budget} has elapsed, sleeping until the next endpoint
   * is due. A probe is started only if its timeout ends before the deadline, so the call returns by
   * then (plus the time of one health write). Returns after the first cycle when the shard owns no
   * endpoint.
   */
  public synchronized ProbeRunSummary runFor(Shard shard, Duration budget)
      throws InterruptedException {
    Objects.requireNonNull(budget, "budget");
    Instant deadline = clock.instant().plus(budget);
    long writes0 = writer.writesDone();
    long saved0 = writer.writesSaved();
    reloadNow = true;
    reseed = true;
    int cycles = 0;
    long probes = 0;
    long failures = 0;
    long transitions = 0;
    int writeFailures = 0;
    while (clock.instant().isBefore(deadline)) {
      CycleSummary c = cycle(shard, Optional.of(deadline));
      cycles++;
      probes += c.probed();
      failures += c.failures();
      transitions += c.transitions();
      writeFailures += c.writeFailed() ? 1 : 0;
      if (owned.isEmpty()) {
        // Nothing to probe: idling until the deadline would only bill Lambda time. Endpoints
        // registered meanwhile are picked up by the next invocation (within a minute).
        break;
      }
      Optional<Instant> wake = nextWake(deadline);
      if (wake.isEmpty()) {
        break;
      }
      Duration wait = Duration.between(clock.instant(), wake.get());
      if (!wait.isNegative() && !wait.isZero()) {
        sleeper.sleep(wait);
      }
    }
    long flushed = 0;
    try {
      flushed = flushPendingEvidence();
    } catch (StoreException e) {
      writeFailures++;
      LOG.warn(
          "health.flush.failed vantage={} shard={} error={}",
          config.vantage(),
          shard,
          e.toString());
    }
    ProbeRunSummary summary =
        new ProbeRunSummary(
            shard,
            cycles,
            owned.size(),
            probes,
            failures,
            transitions,
            writer.writesDone() - writes0 + flushed,
            writer.writesSaved() - saved0,
            writeFailures);
    LOG.info(
        "probe.run vantage={} shard={} cycles={} endpoints={} probes={} failures={} transitions={}"
            + " writes={} writesSaved={} writeFailures={}",
        config.vantage(),
        shard,
        summary.cycles(),
        summary.endpoints(),
        summary.probes(),
        summary.failures(),
        summary.transitions(),
        summary.writes(),
        summary.writesSaved(),
        summary.writeFailures());
    return summary;
  }

  /** {@link #runOneCycle(Shard)} over all endpoints (one shard). */
  public CycleSummary runOneCycle() throws InterruptedException {
    return runOneCycle(Shard.ALL);
  }

  /**
   * Probes every endpoint of {@code shard} that is due now (all of them on the first call), folds
   * the results and submits the records for writing. Returns at once when nothing is due; {@link
   * CycleSummary#nextDueAt()} says when to call again. For tests and local mode's in-process loop.
   */
  public synchronized CycleSummary runOneCycle(Shard shard) throws InterruptedException {
    return cycle(shard, Optional.empty());
  }

  /** When the next endpoint is due, if any. */
  public synchronized Optional<Instant> nextDueAt() {
    return nextDue.values().stream().min(Instant::compareTo);
  }

  /** This vantage's current record of every owned endpoint (a snapshot). */
  public synchronized List<VantageHealth> states() {
    return List.copyOf(states.values());
  }

  private CycleSummary cycle(Shard shard, Optional<Instant> deadline) throws InterruptedException {
    Instant now = clock.instant();
    refreshIfDue(shard, now);
    List<Scheduled> due = new ArrayList<>();
    for (var e : owned.entrySet()) {
      Key k = e.getKey();
      if (!states.containsKey(k) || nextDue.get(k).isAfter(now)) {
        continue;
      }
      Duration timeout = e.getValue().config().probe().timeout();
      if (deadline.isPresent() && now.plus(timeout).isAfter(deadline.get())) {
        continue;
      }
      due.add(e.getValue());
    }
    if (due.isEmpty()) {
      return new CycleSummary(now, owned.size(), 0, 0, 0, false, nextDueAt());
    }
    List<ProbeTarget> targets =
        due.stream().map(s -> new ProbeTarget(s.endpoint(), s.config())).toList();
    List<ProbeResult> results = engine.probeAll(targets, config.vantage());
    int failures = 0;
    int transitions = 0;
    List<VantageHealth> latest = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      Scheduled s = due.get(i);
      ProbeResult r = results.get(i);
      Key k = Key.of(s.endpoint());
      VantageStateMachine.Step step = VantageStateMachine.apply(states.get(k), r, s.config());
      states.put(k, step.next());
      latest.add(step.next());
      nextDue.put(k, nextDueAfter(nextDue.get(k), interval(s.config()), now));
      if (!r.ok()) {
        failures++;
      }
      if (step.transition().isPresent()) {
        transitions++;
        logTransition(step.transition().get(), r);
      }
    }
    metrics.increment(MetricNames.PROBE_ATTEMPTS, results.size());
    if (failures > 0) {
      metrics.increment(MetricNames.PROBE_FAILURES, failures);
    }
    if (transitions > 0) {
      metrics.increment(MetricNames.HEALTH_TRANSITIONS, transitions);
    }
    boolean writeFailed = false;
    try {
      writer.submit(latest, clock.instant());
    } catch (StoreException e) {
      writeFailed = true;
      LOG.warn(
          "health.write.failed vantage={} records={} retryable={} error={}",
          config.vantage(),
          latest.size(),
          e.retryable(),
          e.toString());
    }
    return new CycleSummary(
        now, owned.size(), results.size(), failures, transitions, writeFailed, nextDueAt());
  }

  /**
   * Writes the records that carry evidence towards a transition the write policy did not write
   * (e.g. the second of three failures), so that the next invocation, possibly a cold one that
   * seeds from the store, continues counting instead of starting over. Steady records (UP with no
   * failures, DOWN with no successes) are not written.
   */
  private long flushPendingEvidence() {
    List<VantageHealth> pending = new ArrayList<>();
    for (var e : states.entrySet()) {
      if (owned.containsKey(e.getKey()) && pendingEvidence(e.getValue())) {
        pending.add(e.getValue());
      }
    }
    if (pending.isEmpty()) {
      return 0;
    }
    healthStore.putAll(pending);
    metrics.increment(MetricNames.HEALTH_WRITES, pending.size());
    return pending.size();
  }

  static boolean pendingEvidence(VantageHealth h) {
    return switch (h.state()) {
      case UP -> h.consecutiveFail() > 0;
      case DOWN -> h.consecutiveOk() > 0;
      case UNKNOWN -> h.consecutiveOk() > 0 || h.consecutiveFail() > 0;
    };
  }

  private Duration interval(ServiceConfig c) {
    Duration own = c.probe().interval();
    return config.intervalCap().filter(cap -> cap.compareTo(own) < 0).orElse(own);
  }

  /**
   * Keeps the cadence (previous due + interval) unless that is already past: no catch-up bursts.
   */
  static Instant nextDueAfter(Instant previousDue, Duration interval, Instant cycleStart) {
    Instant next = previousDue.plus(interval);
    return next.isAfter(cycleStart) ? next : cycleStart.plus(interval);
  }

  /** The earliest time something is worth waking for before {@code deadline}, if any. */
  private Optional<Instant> nextWake(Instant deadline) {
    Instant wake = null;
    for (var e : owned.entrySet()) {
      Instant due = nextDue.get(e.getKey());
      if (due == null) {
        continue;
      }
      if (!due.plus(e.getValue().config().probe().timeout()).isAfter(deadline)) {
        wake = wake == null || due.isBefore(wake) ? due : wake;
      }
    }
    // Endpoints not yet seeded (their health could not be read) are retried at the next refresh.
    boolean unseeded = owned.keySet().stream().anyMatch(k -> !states.containsKey(k));
    Instant refresh = lastRefresh == null ? null : lastRefresh.plus(config.refreshInterval());
    if (unseeded && refresh != null && refresh.isBefore(deadline)) {
      wake = wake == null || refresh.isBefore(wake) ? refresh : wake;
    }
    return Optional.ofNullable(wake);
  }

  private void refreshIfDue(Shard requested, Instant now) {
    boolean shardChanged = !requested.equals(shard);
    boolean due =
        lastRefresh == null
            || shardChanged
            || reloadNow
            || !now.isBefore(lastRefresh.plus(config.refreshInterval()));
    if (due) {
      reload(requested, now);
      reloadNow = false;
    }
    seed(now);
  }

  private void reload(Shard requested, Instant now) {
    Map<Key, Scheduled> fresh = new LinkedHashMap<>();
    try {
      for (Versioned<ServiceConfig> svc : endpoints.listServices()) {
        for (Versioned<Endpoint> ep : endpoints.listEndpoints(svc.value().name())) {
          if (requested.owns(ep.value())) {
            fresh.put(Key.of(ep.value()), new Scheduled(ep.value(), svc.value()));
          }
        }
      }
    } catch (StoreException e) {
      if (lastRefresh == null || !requested.equals(shard)) {
        throw e;
      }
      LOG.warn(
          "probe.refresh.failed vantage={} shard={} keeping={} error={}",
          config.vantage(),
          requested,
          owned.size(),
          e.toString());
      lastRefresh = now;
      return;
    }
    Set<Key> gone = new HashSet<>(owned.keySet());
    gone.removeAll(fresh.keySet());
    for (Key k : gone) {
      states.remove(k);
      nextDue.remove(k);
      writer.forget(k.service(), k.endpoint());
    }
    owned.clear();
    owned.putAll(fresh);
    shard = requested;
    lastRefresh = now;
    if (!gone.isEmpty()) {
      LOG.info(
          "probe.endpoints.dropped vantage={} shard={} dropped={} owned={}",
          config.vantage(),
          requested,
          gone.size(),
          owned.size());
    }
  }

  /**
   * Gives every owned endpoint a state: the stored record of this vantage (or the in-memory one
   * when newer), or a fresh UNKNOWN record when the store has none. Services whose records cannot
   * be read are left unseeded (not probed) until a later cycle succeeds.
   */
  private void seed(Instant now) {
    Set<ServiceName> toRead = new HashSet<>();
    for (Key k : owned.keySet()) {
      if (reseed || !states.containsKey(k)) {
        toRead.add(k.service());
      }
    }
    boolean allRead = true;
    for (ServiceName service : toRead) {
      Map<EndpointId, VantageHealth> stored = new HashMap<>();
      try {
        for (VantageHealth h : healthStore.list(service)) {
          if (h.vantage().equals(config.vantage())) {
            stored.put(h.endpoint(), h);
          }
        }
      } catch (StoreException e) {
        allRead = false;
        LOG.warn(
            "probe.seed.failed vantage={} service={} error={}",
            config.vantage(),
            service,
            e.toString());
        continue;
      }
      for (var e : owned.entrySet()) {
        Key k = e.getKey();
        if (!k.service().equals(service)) {
          continue;
        }
        VantageHealth mine = states.get(k);
        VantageHealth theirs = stored.get(k.endpoint());
        if (theirs != null && (mine == null || theirs.lastProbeAt().isAfter(mine.lastProbeAt()))) {
          states.put(k, theirs);
        } else if (mine == null) {
          states.put(k, VantageHealth.initial(k.service(), k.endpoint(), config.vantage(), now));
        }
        nextDue.putIfAbsent(k, now);
      }
    }
    if (allRead) {
      reseed = false;
    }
  }

  private void logTransition(HealthTransition t, ProbeResult r) {
    LOG.info(
        "health.transition service={} endpoint={} vantage={} from={} to={} at={} evidence=\"{}\""
            + " latencyMs={} status={}",
        t.service(),
        t.endpoint(),
        t.vantage(),
        t.from(),
        t.to(),
        t.at(),
        t.evidence(),
        r.latency().toMillis(),
        r.httpStatus().isPresent() ? r.httpStatus().getAsInt() : "-");
  }
}
