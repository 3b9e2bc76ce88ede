package dev.meridian.it;

import static dev.meridian.functions.HandlerFixtures.REGIONS;
import static dev.meridian.functions.HandlerFixtures.SERVICE;
import static dev.meridian.functions.HandlerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.MutableClock;
import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.scheduler.RunResult;
import dev.meridian.app.scheduler.RunResult.Outcome;
import dev.meridian.app.scheduler.SchedulerService;
import dev.meridian.app.scheduler.SchedulerSettings;
import dev.meridian.aws.Sleeper;
import dev.meridian.aws.dynamodb.DynamoDbStores;
import dev.meridian.aws.route53.Route53Clients;
import dev.meridian.aws.route53.Route53DnsPublisher;
import dev.meridian.aws.route53.Route53Settings;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.PublishedPlan;
import dev.meridian.core.port.StaleFencingTokenException;
import dev.meridian.functions.HandlerFixtures;
import dev.meridian.it.FakeRoute53Zone.FaultKind;
import dev.meridian.observability.DecisionLog;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.fakes.InMemoryAggregatedHealthStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Scenarios 6 and 7 of the end-to-end proof: the real {@link SchedulerService} with its stores on
 * dynalite and the real {@link Route53DnsPublisher} against a stateful Route 53 zone on WireMock.
 * Route 53 throttling, PriorRequestNotComplete, a scheduler killed mid-publish, and two schedulers
 * racing on the same tables.
 */
@ExtendWith(DynaliteExtension.class)
class Route53SchedulerScenariosTest {
  private static final Duration LEASE_TTL = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
  private final KillSwitchSleeper sleeper = new KillSwitchSleeper();
  private FakeRoute53Zone zone;
  private Route53Client client;
  private DynamoDbStores stores;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    zone = new FakeRoute53Zone();
    client =
        Route53Clients.create(
            Optional.of("us-east-1"),
            Optional.of(zone.endpoint()),
            Optional.of(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    stores = HandlerFixtures.stores(dynamo);
    HandlerFixtures.seedHealthyService(stores);
  }

  @AfterEach
  void tearDown() {
    client.close();
    zone.close();
  }

  private Route53DnsPublisher publisher() {
    Route53Settings s =
        new Route53Settings(
            FakeRoute53Zone.ZONE,
            Optional.of("example.com"),
            200,
            6,
            Duration.ofMillis(5),
            Duration.ofMillis(50),
            false,
            Duration.ofSeconds(1),
            Duration.ofMillis(100),
            300);
    // The rate limiter and backoff run on real time; the scheduler's lease runs on the test clock.
    return new Route53DnsPublisher(
        client, s, Clock.systemUTC(), sleeper, new SplittableRandom(7), MeridianMetrics.NOOP);
  }

  private SchedulerService scheduler(String holder, DnsPublisher dns, Duration dnsCheck) {
    return new SchedulerService(
        stores.endpoints(),
        stores.health(),
        stores.drills(),
        stores.plans(),
        new InMemoryAggregatedHealthStore(), // nothing announced: hold-down from the records
        dns,
        stores.leases(),
        stores.audit(),
        new AuditEvents(new SplittableRandom(holder.hashCode())),
        new DecisionLog(),
        MeridianMetrics.NOOP,
        new SchedulerSettings(holder, LEASE_TTL, dnsCheck),
        clock);
  }

  private SchedulerService scheduler(String holder) {
    return scheduler(holder, publisher(), Duration.ofMinutes(10));
  }

  /** Every vantage reports every endpoint UP, probed now. */
  private void heartbeat() {
    heartbeat(Optional.empty());
  }

  /** Every vantage reports every endpoint UP (but {@code down}'s DOWN), probed now. */
  private void heartbeat(Optional<Region> down) {
    List<VantageHealth> votes = new ArrayList<>();
    for (Region r : REGIONS) {
      HealthState s = down.equals(Optional.of(r)) ? HealthState.DOWN : HealthState.UP;
      for (Region v : REGIONS) {
        votes.add(HandlerFixtures.vote(HandlerFixtures.endpointIn(r), v, s, clock.instant()));
      }
    }
    stores.health().putAll(votes);
  }

  private PublishedPlan storedPlan() {
    return stores.plans().find(SERVICE).orElseThrow().value();
  }

  /** The records in the zone, read back through the SDK, equal the stored plan's records. */
  private void assertZoneMatchesStoredPlan() {
    List<DnsRecordSet> desired = RecordSets.desired(storedPlan().plan());
    assertThat(publisher().published(SERVICE)).containsExactlyInAnyOrderElementsOf(desired);
  }

  private List<AuditEvent.Kind> auditKinds() {
    return stores.audit().list(SERVICE, Optional.empty(), 100).items().stream()
        .map(AuditEvent::kind)
        .toList();
  }

  @Test
  void route53ThrottlingAndPriorRequestNotComplete_areRetried_andTheZoneEndsEqualToThePlan() {
    zone.failNextLists(FaultKind.THROTTLING, FaultKind.PRIOR_REQUEST_NOT_COMPLETE);
    zone.failNextChanges(
        FaultKind.PRIOR_REQUEST_NOT_COMPLETE, FaultKind.THROTTLING, FaultKind.THROTTLING);

    RunResult r = scheduler("us-east-1/a").runOnce(SERVICE);

    assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.dnsChanges()).isGreaterThanOrEqualTo(REGIONS.size());
    assertThat(zone.changeRequests()).isEqualTo(4);
    assertThat(zone.appliedChanges()).isEqualTo(1);
    assertZoneMatchesStoredPlan();
    assertThat(storedPlan().changeId()).contains("CFAKE1");
    assertThat(auditKinds()).containsExactly(AuditEvent.Kind.PLAN_PUBLISHED);

    // Converged: the next run sends nothing.
    RunResult again = scheduler("us-east-1/a").runOnce(SERVICE);
    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(zone.changeRequests()).isEqualTo(4);
  }

  @Test
  void throttlingBeyondTheRetryBudget_failsStatic_thenTheNextRunConverges() {
    FaultKind[] eight = new FaultKind[8];
    java.util.Arrays.fill(eight, FaultKind.THROTTLING);
    zone.failNextChanges(eight);

    RunResult failed = scheduler("us-east-1/a").runOnce(SERVICE);

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.detail()).contains("Throttling");
    assertThat(stores.plans().find(SERVICE)).isEmpty();
    assertThat(zone.snapshot()).isEmpty();
    assertThat(auditKinds()).isEmpty();

    // Route 53 recovers (two throttled answers left in the script): the next run converges.
    RunResult next = scheduler("us-east-1/a").runOnce(SERVICE);
    assertThat(next.outcome()).as(next.detail()).isEqualTo(Outcome.PUBLISHED);
    assertZoneMatchesStoredPlan();
    assertThat(auditKinds()).containsExactly(AuditEvent.Kind.PLAN_PUBLISHED);
  }

  @Test
  void schedulerKilledMidPublish_afterRoute53AppliedTheChange_theNextRunConverges() {
    // Route 53 applies the batch but the answer is lost; the process dies while backing off.
    zone.failNextChanges(FaultKind.APPLY_THEN_RESET);
    // Die on the first sleep after Route 53 applied the batch (the retry backoff), not on a
    // rate-limiter pause before the request went out.
    sleeper.killOnFirstSleepOnce(() -> zone.appliedChanges() >= 1);

    assertThatThrownBy(() -> scheduler("us-east-1/a").runOnce(SERVICE))
        .isInstanceOf(KillSwitchSleeper.Killed.class);
    assertThat(zone.appliedChanges()).isEqualTo(1);
    assertThat(stores.plans().find(SERVICE)).isEmpty();

    // A fresh scheduler (new process, same holder after restart, lease still valid) converges.
    RunResult r = scheduler("us-east-1/a").runOnce(SERVICE);

    assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.dnsChanges()).isZero(); // the zone already had the records
    assertThat(zone.appliedChanges()).isEqualTo(1);
    assertZoneMatchesStoredPlan();
    assertThat(auditKinds()).containsExactly(AuditEvent.Kind.PLAN_PUBLISHED);
  }

  @Test
  void
      schedulerKilledMidPublish_beforeRoute53AppliedTheChange_anotherSchedulerTakesOverAfterTheLease() {
    zone.failNextChanges(FaultKind.THROTTLING);
    sleeper.killOnFirstSleepOnce(() -> zone.changeRequests() >= 1);

    assertThatThrownBy(() -> scheduler("us-east-1/a").runOnce(SERVICE))
        .isInstanceOf(KillSwitchSleeper.Killed.class);
    assertThat(zone.snapshot()).isEmpty();

    // Another region's scheduler waits out the dead holder's lease, then publishes.
    SchedulerService b = scheduler("eu-west-1/b");
    assertThat(b.runOnce(SERVICE).outcome()).isEqualTo(Outcome.NOT_LEADER);
    clock.advance(LEASE_TTL.plusSeconds(1));
    heartbeat();
    RunResult r = b.runOnce(SERVICE);

    assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.PUBLISHED);
    assertZoneMatchesStoredPlan();
    assertThat(storedPlan().fencingToken()).isGreaterThan(1);
    assertThat(auditKinds()).containsExactly(AuditEvent.Kind.PLAN_PUBLISHED);
  }

  @Test
  void twoSchedulers_onlyTheLeaseHolderPublishes_aStaleTokenIsRejected_andNothingOscillates() {
    SchedulerService a = scheduler("us-east-1/a", publisher(), Duration.ZERO);
    SchedulerService b = scheduler("eu-west-1/b", publisher(), Duration.ZERO);

    assertThat(a.runOnce(SERVICE).outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(b.runOnce(SERVICE).outcome()).isEqualTo(Outcome.NOT_LEADER);
    long tokenA = storedPlan().fencingToken();
    int posts = zone.changeRequests();

    // A's lease expires and a region fails: B takes over and publishes with a newer token.
    clock.advance(LEASE_TTL.plusSeconds(1));
    Optional<Region> down = Optional.of(REGIONS.get(0));
    heartbeat(down);
    RunResult taken = b.runOnce(SERVICE);
    assertThat(taken.outcome()).as(taken.detail()).isEqualTo(Outcome.PUBLISHED);
    assertThat(storedPlan().fencingToken()).isGreaterThan(tokenA);
    posts = zone.changeRequests();

    // A stale token is rejected by the lease and by the plan store.
    String key = SchedulerService.LEASE_PREFIX + SERVICE.value();
    assertThatThrownBy(() -> stores.leases().checkCurrent(key, tokenA, clock.instant()))
        .isInstanceOf(StaleFencingTokenException.class);
    Versioned<PublishedPlan> current = stores.plans().find(SERVICE).orElseThrow();
    PublishedPlan stale =
        new PublishedPlan(current.value().plan(), Optional.empty(), clock.instant(), tokenA);
    assertThatThrownBy(() -> stores.plans().save(stale, current.version()))
        .isInstanceOf(StaleFencingTokenException.class);
    assertThat(a.runOnce(SERVICE).outcome()).isEqualTo(Outcome.NOT_LEADER);

    // Alternate the two for 20 rounds, half of them with the lease expiring in between: every run
    // is UNCHANGED or NOT_LEADER, Route 53 gets no change, the plan version does not move.
    long version = stores.plans().find(SERVICE).orElseThrow().version();
    Set<Outcome> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      clock.advance(i % 2 == 0 ? Duration.ofSeconds(5) : LEASE_TTL.plusSeconds(1));
      heartbeat(down);
      for (SchedulerService s : i % 3 == 0 ? List.of(a, b) : List.of(b, a)) {
        RunResult r = s.runOnce(SERVICE);
        seen.add(r.outcome());
        assertThat(r.outcome()).as(r.detail()).isIn(Outcome.UNCHANGED, Outcome.NOT_LEADER);
      }
    }
    assertThat(seen).contains(Outcome.UNCHANGED, Outcome.NOT_LEADER);
    assertThat(zone.changeRequests()).isEqualTo(posts);
    assertThat(stores.plans().find(SERVICE).orElseThrow().version()).isEqualTo(version);
    assertZoneMatchesStoredPlan();
    assertThat(storedPlan().plan().regions())
        .filteredOn(route -> route.region().equals(down.get()))
        .allSatisfy(route -> assertThat(route.weight()).isZero());
    assertThat(auditKinds()).filteredOn(k -> k == AuditEvent.Kind.PLAN_PUBLISHED).hasSize(2);
  }

  @Test
  void aHolderPausedAfterItsLeaseCheck_losesToTheNewHolder_andItsPlanIsNotStored() {
    Route53DnsPublisher real = publisher();
    SchedulerService b = scheduler("eu-west-1/b");
    RunResult[] bResult = new RunResult[1];
    DnsPublisher pausing =
        new DnsPublisher() {
          boolean paused;

          @Override
          public List<DnsRecordSet> published(dev.meridian.core.model.ServiceName s) {
            return real.published(s);
          }

          @Override
          public PublishResult publish(
              dev.meridian.core.model.ServiceName s, List<DnsRecordSet> desired, long token) {
            if (!paused) {
              // A GC pause or a frozen Lambda: the lease expires and B takes over meanwhile.
              paused = true;
              clock.advance(LEASE_TTL.plusSeconds(1));
              heartbeat();
              bResult[0] = b.runOnce(s);
            }
            return real.publish(s, desired, token);
          }
        };
    SchedulerService a = scheduler("us-east-1/a", pausing, Duration.ofMinutes(10));

    RunResult r = a.runOnce(SERVICE);

    assertThat(bResult[0].outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.outcome()).as(r.detail()).isIn(Outcome.LEASE_LOST, Outcome.FAILED);
    assertThat(storedPlan().fencingToken()).isEqualTo(2);
    assertThat(zone.appliedChanges()).isEqualTo(1); // A's late publish found nothing to change
    assertZoneMatchesStoredPlan();
    assertThat(auditKinds()).containsExactly(AuditEvent.Kind.PLAN_PUBLISHED);
  }

  /**
   * Sleeps for real, or "kills the process" (throws) on the first sleep taken once the armed
   * condition holds. Sleeps before that (the publisher's rate-limiter pauses) are real, so the kill
   * lands at the intended point whatever the machine's speed.
   */
  static final class KillSwitchSleeper implements Sleeper {
    static final class Killed extends RuntimeException {
      Killed() {
        super("scheduler process killed");
      }
    }

    private volatile BooleanSupplier killWhen;

    void killOnFirstSleepOnce(BooleanSupplier condition) {
      killWhen = condition;
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
      BooleanSupplier armed = killWhen;
      if (armed != null && armed.getAsBoolean()) {
        killWhen = null;
        throw new Killed();
      }
      Sleeper.SYSTEM.sleep(d);
    }
  }
}
