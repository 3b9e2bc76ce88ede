package dev.meridian.app.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.aws.ManualClock;
import dev.meridian.core.health.HealthWritePolicy;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.observability.MetricNames;
import dev.meridian.probe.ProbeEngine;
import dev.meridian.testing.fakes.InMemoryEndpointRepository;
import dev.meridian.testing.fakes.InMemoryHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class ProbeServiceTest {
  static final Region VANTAGE = Region.of("eu-west-1");
  static final Region OTHER_VANTAGE = Region.of("us-west-2");
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final ServiceName API = ServiceName.of("api.example.com");
  static final ServiceName WEB = ServiceName.of("web.example.com");

  /** interval 10 s, timeout 2 s, rise 2, fall 3. */
  static final ServiceConfig API_CONFIG = ServiceConfig.builder(API).build();

  final ManualClock clock = new ManualClock(T0);
  final List<Duration> sleeps = new ArrayList<>();
  final Sleeper sleeper =
      d -> {
        sleeps.add(d);
        clock.advance(d);
      };
  final InMemoryEndpointRepository repo = new InMemoryEndpointRepository();
  final InMemoryHealthStore store = new InMemoryHealthStore();
  final RecordingMetrics metrics = new RecordingMetrics();
  final ScriptedProber prober = new ScriptedProber(clock);
  final ProbeEngine engine = new ProbeEngine(prober, 8, clock);
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  DeltaHealthWriter writer;
  ProbeService service;

  @BeforeEach
  void setUp() {
    writer = new DeltaHealthWriter(store, HealthWritePolicy.DEFAULT, metrics);
    service = newService(ProbeServiceConfig.of(VANTAGE));
    logs.start();
    ((Logger) LoggerFactory.getLogger(ProbeService.class)).addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger(ProbeService.class)).detachAppender(logs);
    engine.close();
  }

  ProbeService newService(ProbeServiceConfig config) {
    return new ProbeService(config, repo, store, writer, engine, metrics, clock, sleeper);
  }

  void register(ServiceConfig config, String... ids) {
    if (repo.findService(config.name()).isEmpty()) {
      repo.saveService(config, Versioned.NEW);
    }
    for (String id : ids) {
      repo.saveEndpoint(endpoint(config.name(), id), Versioned.NEW);
    }
  }

  static Endpoint endpoint(ServiceName service, String id) {
    return Endpoint.builder(service, EndpointId.of(id), Region.of("us-east-1"), "203.0.113.10")
        .build();
  }

  VantageHealth stateOf(String id) {
    return service.states().stream()
        .filter(h -> h.endpoint().value().equals(id))
        .findFirst()
        .orElseThrow();
  }

  List<String> transitionLines() {
    return logs.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.startsWith("health.transition"))
        .toList();
  }

  @Test
  void firstCycle_probesEveryEndpoint_andWritesEachRecordOnce() throws Exception {
    register(API_CONFIG, "a", "b", "c");

    CycleSummary c = service.runOneCycle();

    assertThat(c.probed()).isEqualTo(3);
    assertThat(c.endpoints()).isEqualTo(3);
    assertThat(c.nextDueAt()).hasValue(T0.plusSeconds(10));
    assertThat(store.all())
        .hasSize(3)
        .allSatisfy(
            h -> {
              assertThat(h.vantage()).isEqualTo(VANTAGE);
              assertThat(h.state()).isEqualTo(HealthState.UNKNOWN);
              assertThat(h.consecutiveOk()).isEqualTo(1);
            });
    assertThat(metrics.get(MetricNames.PROBE_ATTEMPTS)).isEqualTo(3);
  }

  @Test
  void nothingDue_probesNothing() throws Exception {
    register(API_CONFIG, "a");
    service.runOneCycle();
    clock.advance(Duration.ofSeconds(9));

    CycleSummary c = service.runOneCycle();

    assertThat(c.probed()).isZero();
    assertThat(prober.probes()).hasSize(1);
  }

  @Test
  void marksEndpointDown_afterFallConsecutiveFailures_oneLogLineAndMetricPerTransition()
      throws Exception {
    register(API_CONFIG, "a");
    service.runOneCycle();
    clock.advance(Duration.ofSeconds(10));
    service.runOneCycle();
    assertThat(stateOf("a").state()).isEqualTo(HealthState.UP);

    prober.fail("a", "status 503");
    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      service.runOneCycle();
    }
    assertThat(stateOf("a").state()).as("2 failures < fall").isEqualTo(HealthState.UP);
    clock.advance(Duration.ofSeconds(10));
    CycleSummary third = service.runOneCycle();

    assertThat(third.transitions()).isEqualTo(1);
    assertThat(third.failures()).isEqualTo(1);
    assertThat(stateOf("a").state()).isEqualTo(HealthState.DOWN);
    assertThat(store.all())
        .singleElement()
        .extracting(VantageHealth::state)
        .isEqualTo(HealthState.DOWN);
    assertThat(metrics.get(MetricNames.HEALTH_TRANSITIONS)).isEqualTo(2);
    assertThat(metrics.get(MetricNames.PROBE_FAILURES)).isEqualTo(3);
    assertThat(transitionLines())
        .hasSize(2)
        .last()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("service=api.example.com", "endpoint=a", "vantage=eu-west-1")
                    .contains("from=UP", "to=DOWN", "status 503"));
  }

  @Test
  void writesOnlyOnChangeOrHeartbeat() throws Exception {
    register(API_CONFIG, "a");

    ProbeRunSummary run = service.runFor(Duration.ofMinutes(3));

    // 18 probes in 3 minutes; writes: first record, UNKNOWN -> UP, then the 60 s heartbeats;
    // nothing pending at the end (steadily UP).
    assertThat(run.probes()).isEqualTo(18);
    assertThat(run.writes()).isEqualTo(4);
    assertThat(run.writesSaved()).isEqualTo(run.probes() - run.writes());
    assertThat(store.itemsWritten()).isEqualTo(run.writes());
    assertThat(metrics.get(MetricNames.HEALTH_WRITES_SAVED)).isEqualTo(run.writesSaved());
  }

  @Test
  void runFor_sleepsUntilTheNextDueEndpoint_andStopsBeforeTheDeadline() throws Exception {
    register(API_CONFIG, "a", "b");

    ProbeRunSummary run = service.runFor(Duration.ofSeconds(55));

    // Due at 0, 10, ..., 50; a probe at 50 s ends (2 s timeout) before the 55 s deadline.
    assertThat(run.cycles()).isEqualTo(6);
    assertThat(run.probes()).isEqualTo(12);
    assertThat(sleeps).hasSize(5).containsOnly(Duration.ofSeconds(10));
    assertThat(clock.instant()).isBefore(T0.plusSeconds(55));
  }

  @Test
  void aProbeWhoseTimeoutWouldOutlastTheBudget_isNotStarted() throws Exception {
    register(API_CONFIG, "a");

    ProbeRunSummary run = service.runFor(Duration.ofMillis(1500));

    assertThat(run.probes()).isZero();
    assertThat(prober.probes()).isEmpty();
  }

  @Test
  void servicesWithDifferentIntervals_areEachProbedAtTheirOwnInterval() throws Exception {
    register(
        API_CONFIG.toBuilder()
            .probe(new ProbeSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 3))
            .build(),
        "fast");
    register(
        ServiceConfig.builder(WEB)
            .probe(new ProbeSettings(Duration.ofSeconds(20), Duration.ofSeconds(2), 2, 3))
            .build(),
        "slow");

    service.runFor(Duration.ofSeconds(60));

    assertThat(prober.probesOf("fast")).isEqualTo(12); // 0, 5, ..., 55
    assertThat(prober.probesOf("slow")).isEqualTo(3); // 0, 20, 40
  }

  @Test
  void intervalCap_probesLongIntervalServicesMoreOften() throws Exception {
    register(
        API_CONFIG.toBuilder()
            .probe(new ProbeSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), 2, 3))
            .build(),
        "a");
    service = newService(ProbeServiceConfig.of(VANTAGE).withIntervalCap(Duration.ofSeconds(15)));

    service.runFor(Duration.ofSeconds(60));

    assertThat(prober.probesOf("a")).isEqualTo(4); // 0, 15, 30, 45
  }

  @ParameterizedTest(name = "due {0}s, interval {1}s, cycle at {2}s -> next {3}s")
  @CsvSource({"0, 10, 0, 10", "10, 10, 12, 20", "10, 10, 25, 35", "0, 5, 30, 35"})
  void nextDue_keepsTheCadence_withoutCatchUpBursts(
      int due, int interval, int cycleAt, int expected) {
    assertThat(
            ProbeService.nextDueAfter(
                T0.plusSeconds(due), Duration.ofSeconds(interval), T0.plusSeconds(cycleAt)))
        .isEqualTo(T0.plusSeconds(expected));
  }

  @Test
  void coldStart_continuesCountingFromTheStoredRecordOfThisVantage() throws Exception {
    register(API_CONFIG, "a");
    VantageHealth up = VantageHealth.initial(API, EndpointId.of("a"), VANTAGE, T0.minusSeconds(30));
    VantageHealth stored =
        new VantageHealth(
            API,
            EndpointId.of("a"),
            VANTAGE,
            HealthState.UP,
            0,
            2,
            T0.minusSeconds(10),
            Optional.of(T0.minusSeconds(600)),
            Optional.of(T0.minusSeconds(600)),
            0,
            up.penaltyAt(),
            false,
            25,
            Optional.of("status 503"));
    VantageHealth otherVantage =
        new VantageHealth(
            API,
            EndpointId.of("a"),
            OTHER_VANTAGE,
            HealthState.UP,
            0,
            0,
            T0.minusSeconds(10),
            Optional.empty(),
            Optional.empty(),
            0,
            T0,
            false,
            25,
            Optional.empty());
    store.putAll(List.of(stored, otherVantage));
    prober.fail("a", "timeout");

    CycleSummary c = service.runOneCycle();

    assertThat(c.transitions()).as("third consecutive failure").isEqualTo(1);
    assertThat(stateOf("a").state()).isEqualTo(HealthState.DOWN);
    assertThat(store.all())
        .filteredOn(h -> h.vantage().equals(OTHER_VANTAGE))
        .containsExactly(otherVantage);
  }

  @Test
  void runFor_takesTheStoredRecordWhenItIsNewer_anotherEnvironmentProbedMeanwhile()
      throws Exception {
    register(API_CONFIG, "a");
    service.runFor(Duration.ofSeconds(25));
    assertThat(stateOf("a").state()).isEqualTo(HealthState.UP);
    // Meanwhile another execution environment saw the endpoint fail twice.
    clock.advance(Duration.ofSeconds(60));
    VantageHealth mine = stateOf("a");
    VantageHealth newer =
        new VantageHealth(
            API,
            EndpointId.of("a"),
            VANTAGE,
            HealthState.UP,
            0,
            2,
            clock.instant().minusSeconds(5),
            mine.lastTransitionAt(),
            mine.upSince(),
            mine.penalty(),
            mine.penaltyAt(),
            false,
            mine.latencyEwmaMillis(),
            Optional.of("timeout"));
    store.putAll(List.of(newer));
    prober.fail("a", "timeout");

    service.runFor(Duration.ofSeconds(5));

    assertThat(stateOf("a").state()).isEqualTo(HealthState.DOWN);
  }

  @Test
  void shards_probeDisjointSetsThatCoverEveryEndpoint() throws Exception {
    String[] ids = new String[40];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "ep-" + i;
    }
    register(API_CONFIG, ids);
    ScriptedProber p1 = new ScriptedProber(clock);
    ProbeService other;
    Set<String> seen0;
    Set<String> seen1;
    try (ProbeEngine e1 = new ProbeEngine(p1, 8, clock)) {
      other =
          new ProbeService(
              ProbeServiceConfig.of(VANTAGE), repo, store, writer, e1, metrics, clock, sleeper);
      service.runOneCycle(new Shard(0, 2));
      other.runOneCycle(new Shard(1, 2));
      seen0 = prober.probes().stream().map(r -> r.endpoint().value()).collect(Collectors.toSet());
      seen1 = p1.probes().stream().map(r -> r.endpoint().value()).collect(Collectors.toSet());
    }

    assertThat(seen0).isNotEmpty().doesNotContainAnyElementsOf(seen1);
    Set<String> union = new HashSet<>(seen0);
    union.addAll(seen1);
    assertThat(union).containsExactlyInAnyOrder(ids);
  }

  @Test
  void refresh_picksUpNewEndpoints_andDropsDeregisteredOnes() throws Exception {
    register(API_CONFIG, "a", "b");
    service =
        newService(ProbeServiceConfig.of(VANTAGE).withRefreshInterval(Duration.ofSeconds(10)));
    service.runOneCycle();
    repo.deleteEndpoint(
        API, EndpointId.of("b"), repo.findEndpoint(API, EndpointId.of("b")).get().version());
    register(API_CONFIG, "c");
    clock.advance(Duration.ofSeconds(10));

    CycleSummary c = service.runOneCycle();

    assertThat(c.endpoints()).isEqualTo(2);
    assertThat(service.states())
        .extracting(h -> h.endpoint().value())
        .containsExactlyInAnyOrder("a", "c");
    assertThat(prober.probesOf("c")).isEqualTo(1);
    assertThat(prober.probesOf("b")).isEqualTo(1);
  }

  @Test
  void repositoryUnavailableAtStart_fails() {
    register(API_CONFIG, "a");
    repo.setUnavailable(true);

    assertThatThrownBy(() -> service.runOneCycle()).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void repositoryUnavailableLater_keepsProbingTheKnownEndpoints() throws Exception {
    register(API_CONFIG, "a");
    service =
        newService(ProbeServiceConfig.of(VANTAGE).withRefreshInterval(Duration.ofSeconds(10)));
    service.runOneCycle();
    repo.setUnavailable(true);
    clock.advance(Duration.ofSeconds(10));

    CycleSummary c = service.runOneCycle();

    assertThat(c.probed()).isEqualTo(1);
    assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().startsWith("probe.refresh.failed"));
  }

  @Test
  void failedHealthWrite_isReportedAndRetriedWithTheNextCycle() throws Exception {
    register(API_CONFIG, "a");
    store.failNextOn("putAll", new StoreUnavailableException("throttled", null));

    CycleSummary first = service.runOneCycle();
    clock.advance(Duration.ofSeconds(10));
    CycleSummary second = service.runOneCycle();

    assertThat(first.writeFailed()).isTrue();
    assertThat(second.writeFailed()).isFalse();
    assertThat(store.all())
        .singleElement()
        .extracting(VantageHealth::state)
        .isEqualTo(HealthState.UP);
    assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().startsWith("health.write.failed"));
  }

  @Test
  void unreadableHealthRecords_leaveTheServiceUnprobed_untilTheyCanBeRead() throws Exception {
    register(API_CONFIG, "a");
    store.failNextOn("list", new StoreUnavailableException("down", null));

    CycleSummary first = service.runOneCycle();
    CycleSummary second = service.runOneCycle();

    assertThat(first.probed()).as("no restart from UNKNOWN over a stored state").isZero();
    assertThat(second.probed()).isEqualTo(1);
    assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().startsWith("probe.seed.failed"));
  }

  @Test
  void noEndpoints_runForReturnsAtOnce_insteadOfIdlingThroughTheBudget() throws Exception {
    ProbeRunSummary run = service.runFor(Duration.ofSeconds(50));

    assertThat(run.probes()).isZero();
    assertThat(run.cycles()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aColdStart_afterAnInvocationEndedMidStreak_continuesTheStreak() throws Exception {
    register(API_CONFIG, "a");
    service.runFor(Duration.ofSeconds(25)); // UP
    prober.fail("a", "status 503");
    ProbeRunSummary failing = service.runFor(Duration.ofSeconds(25)); // 2 failures < fall 3
    assertThat(failing.transitions()).isZero();
    assertThat(failing.writes()).as("the pending streak is flushed once").isEqualTo(1);
    assertThat(store.all()).singleElement().extracting(VantageHealth::consecutiveFail).isEqualTo(2);

    ProbeService cold =
        new ProbeService(
            ProbeServiceConfig.of(VANTAGE),
            repo,
            store,
            new DeltaHealthWriter(store, HealthWritePolicy.DEFAULT, metrics),
            engine,
            metrics,
            clock,
            sleeper);
    clock.advance(Duration.ofSeconds(10));
    CycleSummary c = cold.runOneCycle();

    assertThat(c.transitions()).as("third failure in a row").isEqualTo(1);
    assertThat(store.all())
        .singleElement()
        .extracting(VantageHealth::state)
        .isEqualTo(HealthState.DOWN);
  }

  @ParameterizedTest(name = "{0} ok={1} fail={2} -> pending {3}")
  @CsvSource({
    "UP, 5, 0, false",
    "UP, 0, 1, true",
    "DOWN, 0, 4, false",
    "DOWN, 1, 0, true",
    "UNKNOWN, 0, 0, false",
    "UNKNOWN, 1, 0, true",
    "UNKNOWN, 0, 2, true",
  })
  void pendingEvidence_isAStreakThatHasNotChangedTheStateYet(
      HealthState state, int ok, int fail, boolean pending) {
    VantageHealth h =
        new VantageHealth(
            API,
            EndpointId.of("a"),
            VANTAGE,
            state,
            ok,
            fail,
            T0,
            Optional.empty(),
            Optional.empty(),
            0,
            T0,
            false,
            0,
            Optional.empty());
    assertThat(ProbeService.pendingEvidence(h)).isEqualTo(pending);
  }
}
