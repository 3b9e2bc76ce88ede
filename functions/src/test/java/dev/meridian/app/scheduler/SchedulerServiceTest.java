package dev.meridian.app.scheduler;

import static dev.meridian.app.ControlFixture.APSE2;
import static dev.meridian.app.ControlFixture.EUW1;
import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.USE1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.ControlFixture;
import dev.meridian.app.scheduler.RunResult.Outcome;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.DnsPublishException;
import dev.meridian.core.port.Lease;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.observability.MetricNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SchedulerServiceTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final SchedulerService scheduler = f.scheduler("us-east-1/a");

  private int weight(String region) {
    return f.plans.find(SERVICE).orElseThrow().value().plan().regions().stream()
        .filter(r -> r.region().code().equals(region))
        .findFirst()
        .orElseThrow()
        .weight();
  }

  @Test
  void firstRun_publishesDnsStoresThePlanAndAuditsIt() {
    RunResult r = scheduler.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.dnsChanges()).isPositive();
    assertThat(r.changeId()).isPresent();
    assertThat(f.dns.published(SERVICE)).isNotEmpty();
    var stored = f.plans.find(SERVICE).orElseThrow();
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.value().changeId()).isEqualTo(r.changeId());
    assertThat(stored.value().fencingToken()).isEqualTo(1);
    assertThat(stored.value().plan().mode()).isEqualTo(PlanMode.NORMAL);
    List<AuditEvent> published = f.audit(AuditEvent.Kind.PLAN_PUBLISHED);
    assertThat(published).hasSize(1);
    assertThat(published.get(0).details())
        .containsEntry("changeId", r.changeId().orElseThrow())
        .containsEntry("changes", Integer.toString(r.dnsChanges()));
    assertThat(f.metrics.count(MetricNames.PLAN_PUBLICATIONS)).isEqualTo(1);
    assertThat(f.metrics.count(MetricNames.LEASE_CHANGES)).isEqualTo(1);
  }

  @Test
  void secondRunInARow_publishesNothing_storesNoVersion_auditsNothing() {
    scheduler.runOnce(SERVICE);
    int auditBefore = f.audit.all(SERVICE).size();
    int publishCallsBefore = f.dns.publishCalls().size();

    f.clock.advance(Duration.ofSeconds(5));
    RunResult second = scheduler.runOnce(SERVICE);

    assertThat(second.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(second.dnsChanges()).isZero();
    assertThat(f.dns.publishCalls()).hasSize(publishCallsBefore); // no DNS call at all
    assertThat(f.plans.find(SERVICE).orElseThrow().version()).isEqualTo(1);
    assertThat(f.audit.all(SERVICE)).hasSize(auditBefore);
    assertThat(f.metrics.count(MetricNames.LEASE_CHANGES)).isEqualTo(1); // renewal, not a change
  }

  @Test
  void unchangedPlan_isStillComparedWithDnsEveryCheckInterval_withoutChanges() {
    scheduler.runOnce(SERVICE);
    f.clock.advance(Duration.ofMinutes(11));
    f.heartbeat();

    RunResult r = scheduler.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(f.dns.publishCalls()).hasSize(2);
    assertThat(f.dns.publishCalls().get(1).result().orElseThrow().changes()).isEmpty();
    assertThat(f.dns.changeBatches()).isEqualTo(1);
    assertThat(f.plans.find(SERVICE).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void dnsEditedByHand_isRepairedAtTheNextCheck() {
    scheduler.runOnce(SERVICE);
    f.dns.seed(SERVICE, List.<DnsRecordSet>of());
    f.clock.advance(Duration.ofMinutes(11));
    f.heartbeat();

    RunResult r = scheduler.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.detail()).isEqualTo("DNS repaired");
    assertThat(f.dns.published(SERVICE)).isNotEmpty();
    assertThat(f.plans.find(SERVICE).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void regionFailure_movesItsWeightToZeroAtOnce_andAudits() {
    scheduler.runOnce(SERVICE);
    assertThat(weight("us-east-1")).isPositive();

    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(USE1, HealthState.DOWN);
    RunResult r = scheduler.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(weight("us-east-1")).isZero();
    assertThat(weight("eu-west-1")).isPositive();
    assertThat(f.audit(AuditEvent.Kind.PLAN_PUBLISHED)).hasSize(2);
    assertThat(f.audit(AuditEvent.Kind.PLAN_PUBLISHED).get(0).details().get("to"))
        .contains("us-east-1=0");
    assertThat(f.metrics.gaugeValue(MetricNames.SCHEDULER_LAG_SECONDS)).isEqualTo(0.0);
  }

  @Test
  void onlyTheLeaseHolderPublishes() {
    SchedulerService other = f.scheduler("eu-west-1/b");
    scheduler.runOnce(SERVICE);

    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(USE1, HealthState.DOWN);
    RunResult r = other.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.NOT_LEADER);
    assertThat(f.dns.publishCalls()).hasSize(1);
    assertThat(f.plans.find(SERVICE).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void afterTheHolderStops_anotherSchedulerTakesOverWithAHigherToken() {
    SchedulerService other = f.scheduler("eu-west-1/b");
    scheduler.runOnce(SERVICE);

    f.clock.advance(Duration.ofSeconds(31));
    f.heartbeat();
    f.setRegion(USE1, HealthState.DOWN);
    RunResult r = other.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(f.plans.find(SERVICE).orElseThrow().value().fencingToken()).isEqualTo(2);
  }

  @Test
  void holderThatPausedPastItsLease_doesNotPublish() {
    // Scheduler A pauses right before publishing; its lease expires, B takes over and publishes;
    // when A resumes, its token is stale and it must publish nothing.
    SchedulerService b = f.scheduler("eu-west-1/b");
    AtomicReference<RunResult> bResult = new AtomicReference<>();
    LeaseStore pausing =
        new LeaseStore() {
          boolean paused;

          @Override
          public Optional<Lease> tryAcquire(String key, String holder, Duration ttl, Instant now) {
            return f.leases.tryAcquire(key, holder, ttl, now);
          }

          @Override
          public Optional<Lease> renew(Lease lease, Duration ttl, Instant now) {
            return f.leases.renew(lease, ttl, now);
          }

          @Override
          public void release(Lease lease) {
            f.leases.release(lease);
          }

          @Override
          public void checkCurrent(String key, long token, Instant now) {
            if (!paused) {
              paused = true;
              f.clock.advance(Duration.ofSeconds(31));
              f.heartbeat();
              bResult.set(b.runOnce(SERVICE));
            }
            f.leases.checkCurrent(key, token, f.clock.instant());
          }
        };
    SchedulerService a = f.scheduler("us-east-1/a", pausing);

    RunResult r = a.runOnce(SERVICE);

    assertThat(bResult.get().outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.outcome()).isEqualTo(Outcome.LEASE_LOST);
    assertThat(f.dns.publishCalls()).hasSize(1);
    assertThat(f.dns.publishCalls().get(0).fencingToken()).isEqualTo(2);
    assertThat(f.plans.find(SERVICE).orElseThrow().value().fencingToken()).isEqualTo(2);
    assertThat(f.metrics.count(MetricNames.LEASE_CHANGES)).isEqualTo(3); // A, B acquire; A lost
  }

  @Test
  void storeDown_failsStatic_keepsWhatIsPublished_andRecoversOnTheNextRun() {
    scheduler.runOnce(SERVICE);
    var publishedBefore = f.dns.published(SERVICE);
    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(USE1, HealthState.DOWN);
    f.health.setUnavailable(true);

    RunResult r = scheduler.runOnce(SERVICE);

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.detail()).contains("unavailable");
    assertThat(f.dns.published(SERVICE)).containsExactlyInAnyOrderElementsOf(publishedBefore);
    assertThat(f.plans.find(SERVICE).orElseThrow().version()).isEqualTo(1);
    assertThat(f.metrics.count(MetricNames.PUBLISH_FAILURES)).isEqualTo(1);

    f.health.setUnavailable(false);
    assertThat(scheduler.runOnce(SERVICE).outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(weight("us-east-1")).isZero();
  }

  @Test
  void dnsThrottledBeyondRetries_isReported_planNotStored_nextRunPublishes() {
    scheduler.runOnce(SERVICE);
    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(USE1, HealthState.DOWN);
    f.dns.failNextOn("publish", new DnsPublishException("Throttling: Rate exceeded", true, null));

    RunResult failed = scheduler.runOnce(SERVICE);

    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.mode()).contains(PlanMode.NORMAL);
    assertThat(f.plans.find(SERVICE).orElseThrow().version()).isEqualTo(1);
    assertThat(f.metrics.count(MetricNames.PUBLISH_FAILURES)).isEqualTo(1);
    assertThat(f.audit(AuditEvent.Kind.PLAN_PUBLISHED)).hasSize(1);

    f.clock.advance(Duration.ofSeconds(5));
    RunResult retried = scheduler.runOnce(SERVICE);
    assertThat(retried.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(retried.dnsChanges()).isPositive();
    assertThat(weight("us-east-1")).isZero();
  }

  @Test
  void dnsPublishedButPlanStoreFailed_nextRunStoresThePlanWithoutDnsChanges() {
    scheduler.runOnce(SERVICE);
    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(USE1, HealthState.DOWN);
    f.plans.failNextOn("save", new StoreUnavailableException("throttled", null));

    assertThat(scheduler.runOnce(SERVICE).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(f.dns.changeBatches()).isEqualTo(2);

    RunResult r = scheduler.runOnce(SERVICE);
    assertThat(r.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(r.dnsChanges()).isZero();
    assertThat(f.dns.changeBatches()).isEqualTo(2);
    assertThat(weight("us-east-1")).isZero();
  }

  @Test
  void unknownService_isNotFound() {
    RunResult r = scheduler.runOnce(ServiceName.of("gone.example.com"));
    assertThat(r.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(f.dns.publishCalls()).isEmpty();
  }

  @Test
  void drill_activatesAtStart_evacuatesTheRegion_completesAtExpiry_allAudited() {
    scheduler.runOnce(SERVICE);
    Instant start = f.clock.instant().plusSeconds(60);
    f.drills.save(
        f.drill("d1", USE1, DrillMode.evacuate(), start, Duration.ofMinutes(10)), Versioned.NEW);

    f.clock.set(start);
    f.heartbeat();
    scheduler.runOnce(SERVICE);

    assertThat(f.drills.find(SERVICE, new DrillId("d1")).orElseThrow().value().state())
        .isEqualTo(DrillState.ACTIVE);
    assertThat(weight("us-east-1")).isZero();

    f.clock.advance(Duration.ofMinutes(10));
    f.heartbeat();
    scheduler.runOnce(SERVICE);

    assertThat(f.drills.find(SERVICE, new DrillId("d1")).orElseThrow().value().state())
        .isEqualTo(DrillState.COMPLETED);
    assertThat(weight("us-east-1")).isPositive();
    List<AuditEvent> drillEvents = f.audit(AuditEvent.Kind.DRILL);
    assertThat(drillEvents)
        .extracting(e -> e.details().get("to"))
        .containsExactlyInAnyOrder("ACTIVE", "COMPLETED");
  }

  @Test
  void activeDrill_isAutoAbortedWhenAnotherRegionFails() {
    Instant start = f.clock.instant();
    f.drills.save(
        f.drill("d2", USE1, DrillMode.evacuate(), start, Duration.ofMinutes(30)), Versioned.NEW);
    scheduler.runOnce(SERVICE);
    assertThat(f.drills.find(SERVICE, new DrillId("d2")).orElseThrow().value().state())
        .isEqualTo(DrillState.ACTIVE);

    f.clock.advance(Duration.ofSeconds(10));
    f.setRegion(EUW1, HealthState.DOWN);
    scheduler.runOnce(SERVICE);

    var drill = f.drills.find(SERVICE, new DrillId("d2")).orElseThrow().value();
    assertThat(drill.state()).isEqualTo(DrillState.ABORTED);
    assertThat(drill.stateReason()).hasValueSatisfying(s -> assertThat(s).contains("abort"));
    assertThat(weight("us-east-1")).isPositive();
    assertThat(f.audit(AuditEvent.Kind.DRILL))
        .extracting(e -> e.details().get("to"))
        .contains("ABORTED");
  }

  @Test
  void everyRegionDown_entersPanic_andLeavesIt_bothAudited() {
    scheduler.runOnce(SERVICE);
    f.clock.advance(Duration.ofSeconds(10));
    for (var r : List.of(USE1, EUW1, APSE2)) {
      f.setRegion(r, HealthState.DOWN);
    }

    RunResult panic = scheduler.runOnce(SERVICE);

    assertThat(panic.mode()).contains(PlanMode.PANIC);
    assertThat(f.audit(AuditEvent.Kind.PANIC)).hasSize(1);
    assertThat(f.audit(AuditEvent.Kind.PANIC).get(0).summary()).startsWith("entered PANIC");
    assertThat(f.audit(AuditEvent.Kind.PANIC).get(0).details())
        .containsEntry("from", "NORMAL")
        .containsEntry("to", "PANIC")
        .hasEntrySatisfying("evidence", e -> assertThat(e).startsWith("PANIC: healthy capacity"));

    f.clock.advance(Duration.ofSeconds(10));
    for (var r : List.of(USE1, EUW1, APSE2)) {
      f.setRegion(r, HealthState.UP);
    }
    RunResult normal = scheduler.runOnce(SERVICE);

    assertThat(normal.mode()).contains(PlanMode.NORMAL);
    assertThat(f.audit(AuditEvent.Kind.PANIC))
        .extracting(AuditEvent::summary)
        .anySatisfy(s -> assertThat(s).startsWith("left PANIC"));
  }

  @Test
  void reconcileAll_runsEveryService_andReportsFleetGauges() {
    ServiceName second = ServiceName.of("web.example.com");
    f.registerHealthyService(second);
    f.drills.save(
        f.drill("d3", USE1, DrillMode.evacuate(), f.clock.instant(), Duration.ofMinutes(30)),
        Versioned.NEW);

    List<RunResult> results = scheduler.reconcileAll();

    assertThat(results)
        .extracting(RunResult::service, RunResult::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SERVICE, Outcome.PUBLISHED),
            org.assertj.core.groups.Tuple.tuple(second, Outcome.PUBLISHED));
    assertThat(f.metrics.gaugeValue(MetricNames.ACTIVE_DRILLS)).isEqualTo(1.0);
    assertThat(f.metrics.gaugeValue(MetricNames.PANIC_MODE)).isEqualTo(0.0);
    assertThat(scheduler.reconcileAll())
        .extracting(RunResult::outcome)
        .containsOnly(Outcome.UNCHANGED);
  }

  @Test
  void reconcileAll_withTheStoreDown_failsStaticWithoutThrowing() {
    f.endpoints.setUnavailable(true);

    assertThat(scheduler.reconcileAll()).isEmpty();
    assertThat(f.metrics.count(MetricNames.PUBLISH_FAILURES)).isEqualTo(1);
  }
}
