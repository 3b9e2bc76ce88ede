package dev.meridian.app.aggregator;

import static dev.meridian.app.ControlFixture.APSE2;
import static dev.meridian.app.ControlFixture.EUW1;
import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.USE1;
import static dev.meridian.app.ControlFixture.endpointIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.ControlFixture;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.observability.MetricNames;
import dev.meridian.testing.fakes.InMemoryAggregatedHealthStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AggregatorServiceTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final AggregatorService aggregator = f.aggregator();
  private int seq = 100;

  /** Writes the vantage's new state to the store (as the probe did) and returns the change. */
  private HealthChange change(ServiceName s, EndpointId ep, Region vantage, HealthState to) {
    VantageHealth before =
        f.health.list(s).stream()
            .filter(h -> h.endpoint().equals(ep) && h.vantage().equals(vantage))
            .findFirst()
            .orElseThrow();
    VantageHealth after = f.vote(s, ep, vantage, to);
    f.health.putAll(List.of(after));
    return HealthChange.of(Integer.toString(seq++), Optional.of(before), Optional.of(after));
  }

  @Test
  void oneVantageDown_isNoTransition_noAudit_noTrigger() {
    AggregationResult r =
        aggregator.onHealthChanges(
            List.of(change(SERVICE, endpointIn(USE1), USE1, HealthState.DOWN)));

    assertThat(r.transitions()).isEmpty();
    assertThat(r.failed()).isEmpty();
    assertThat(f.triggers).isEmpty();
    assertThat(f.audit.all(SERVICE)).isEmpty();
  }

  @Test
  void quorumOfVantagesDown_isAnEndpointAndARegionTransition_auditedAndTriggered() {
    aggregator.onHealthChanges(List.of(change(SERVICE, endpointIn(USE1), USE1, HealthState.DOWN)));

    AggregationResult r =
        aggregator.onHealthChanges(
            List.of(change(SERVICE, endpointIn(USE1), EUW1, HealthState.DOWN)));

    assertThat(r.transitions())
        .extracting(Transition::endpoint, Transition::from, Transition::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Optional.of(endpointIn(USE1)), "HEALTHY", "UNHEALTHY"),
            org.assertj.core.groups.Tuple.tuple(Optional.empty(), "HEALTHY", "UNHEALTHY"));
    assertThat(r.transitions().get(0).evidence()).contains("2 DOWN");
    assertThat(r.triggered()).containsExactly(SERVICE);
    assertThat(f.triggers).containsExactly(Set.of(SERVICE));
    assertThat(f.audit(AuditEvent.Kind.HEALTH_TRANSITION)).hasSize(1);
    AuditEvent e = f.audit(AuditEvent.Kind.HEALTH_TRANSITION).get(0);
    assertThat(e.details())
        .containsEntry("endpoint", endpointIn(USE1).value())
        .containsEntry("region", "us-east-1")
        .containsEntry("from", "HEALTHY")
        .containsEntry("to", "UNHEALTHY")
        .containsEntry("vantage", "eu-west-1")
        .containsEntry("lastFailure", "status 503");
    assertThat(f.audit(AuditEvent.Kind.REGION_TRANSITION)).hasSize(1);
    assertThat(f.metrics.count(MetricNames.HEALTH_TRANSITIONS)).isEqualTo(2);
  }

  @Test
  void bothVotesInOneBatch_yieldEachTransitionOnce() {
    var c1 = change(SERVICE, endpointIn(USE1), USE1, HealthState.DOWN);
    var c2 = change(SERVICE, endpointIn(USE1), EUW1, HealthState.DOWN);

    AggregationResult r = aggregator.onHealthChanges(List.of(c1, c2));

    assertThat(r.transitions()).hasSize(2);
    assertThat(f.audit(AuditEvent.Kind.HEALTH_TRANSITION)).hasSize(1);
    assertThat(f.triggers).hasSize(1);
  }

  @Test
  void downAndBackUpWithinOneBatch_isNoTransition_theTableEndsAsAnnounced() {
    // Transitions are between announced verdicts and the table as read (ADR 0010): a flap that
    // starts and ends between two reads of the table never reached the planner either.
    var down1 = change(SERVICE, endpointIn(USE1), USE1, HealthState.DOWN);
    var down2 = change(SERVICE, endpointIn(USE1), EUW1, HealthState.DOWN);
    var up1 = change(SERVICE, endpointIn(USE1), USE1, HealthState.UP);

    AggregationResult r = aggregator.onHealthChanges(List.of(down1, down2, up1));

    assertThat(r.transitions()).isEmpty();
    assertThat(f.audit.all(SERVICE)).isEmpty();
    assertThat(f.triggers).isEmpty();
  }

  @Test
  void removedVantageRecord_countsAsAMissingVote() {
    VantageHealth gone =
        f.health.list(SERVICE).stream()
            .filter(h -> h.endpoint().equals(endpointIn(APSE2)) && h.vantage().equals(APSE2))
            .findFirst()
            .orElseThrow();
    var down = change(SERVICE, endpointIn(APSE2), USE1, HealthState.DOWN);
    var removed = HealthChange.of("999", Optional.of(gone), Optional.empty());
    // The table without the removed record (the port deletes whole endpoints only; TTL or a
    // vantage's clean-up removes single records).
    HealthStore withoutGone =
        new HealthStore() {
          @Override
          public void putAll(Collection<VantageHealth> records) {
            f.health.putAll(records);
          }

          @Override
          public List<VantageHealth> list(ServiceName service) {
            return f.health.list(service).stream()
                .filter(h -> !(h.endpoint().equals(gone.endpoint()) && h.vantage().equals(APSE2)))
                .toList();
          }

          @Override
          public void deleteEndpoint(ServiceName service, EndpointId endpoint) {
            f.health.deleteEndpoint(service, endpoint);
          }
        };
    AggregatorService agg =
        new AggregatorService(
            f.endpoints,
            withoutGone,
            f.aggregated,
            f.audit,
            f.events,
            f.trigger,
            f.decisions,
            f.metrics,
            f.clock);

    AggregationResult r = agg.onHealthChanges(List.of(down, removed));

    // 1 UP (eu-west-1), 1 DOWN (us-east-1), no quorum either way.
    assertThat(r.transitions())
        .filteredOn(t -> !t.isRegion())
        .extracting(Transition::from, Transition::to)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("HEALTHY", "UNKNOWN"));
  }

  @Test
  void storeDown_reportsTheFailingChangeAndEveryLaterOne_andProcessesNothingAfter() {
    ServiceName other = ServiceName.of("web.example.com");
    f.registerHealthyService(other);
    HealthStore failingForOther =
        new HealthStore() {
          @Override
          public void putAll(Collection<VantageHealth> records) {
            f.health.putAll(records);
          }

          @Override
          public List<VantageHealth> list(ServiceName service) {
            if (service.equals(other)) {
              throw new StoreUnavailableException("health table throttled", null);
            }
            return f.health.list(service);
          }

          @Override
          public void deleteEndpoint(ServiceName service, EndpointId endpoint) {
            f.health.deleteEndpoint(service, endpoint);
          }
        };
    AggregatorService agg =
        new AggregatorService(
            f.endpoints,
            failingForOther,
            f.aggregated,
            f.audit,
            f.events,
            f.trigger,
            f.decisions,
            f.metrics,
            f.clock);
    var a1 = change(SERVICE, endpointIn(USE1), USE1, HealthState.DOWN);
    var a2 = change(SERVICE, endpointIn(USE1), EUW1, HealthState.DOWN);
    var b1 = change(other, endpointIn(USE1), USE1, HealthState.DOWN);
    var a3 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN);

    AggregationResult r = agg.onHealthChanges(List.of(a1, a2, b1, a3));

    assertThat(r.failed()).containsExactly(b1.id(), a3.id());
    assertThat(r.transitions()).hasSize(2); // from a2, processed before the failure
    assertThat(f.triggers).containsExactly(Set.of(SERVICE));
  }

  @Test
  void failedTrigger_isLoggedNotFailed_theReconcileLoopCatchesUp() {
    AggregatorService agg =
        new AggregatorService(
            f.endpoints,
            f.health,
            f.aggregated,
            f.audit,
            f.events,
            services -> {
              throw new StoreUnavailableException("invoke failed", null);
            },
            f.decisions,
            f.metrics,
            f.clock);
    var c1 = change(SERVICE, endpointIn(USE1), USE1, HealthState.DOWN);
    var c2 = change(SERVICE, endpointIn(USE1), EUW1, HealthState.DOWN);

    AggregationResult r = agg.onHealthChanges(List.of(c1, c2));

    assertThat(r.failed()).isEmpty();
    assertThat(r.transitions()).hasSize(2);
    assertThat(f.audit(AuditEvent.Kind.HEALTH_TRANSITION)).hasSize(1);
  }

  /** The audit log's region transitions of {@code region}, as "FROM->TO", oldest first. */
  private List<String> regionTransitions(Region region) {
    return f.audit(AuditEvent.Kind.REGION_TRANSITION).stream()
        .filter(e -> region.code().equals(e.details().get("region")))
        .map(e -> e.details().get("from") + "->" + e.details().get("to"))
        .toList()
        .reversed();
  }

  private List<String> endpointTransitions(EndpointId ep) {
    return f.audit(AuditEvent.Kind.HEALTH_TRANSITION).stream()
        .filter(e -> ep.value().equals(e.details().get("endpoint")))
        .map(e -> e.details().get("from") + "->" + e.details().get("to"))
        .toList()
        .reversed();
  }

  @Test
  void twoVantagesDownInOneBatch_isExactlyOneEndpointAndOneRegionTransition() {
    var c1 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN);
    var c2 = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN);

    aggregator.onHealthChanges(List.of(c1, c2));

    assertThat(endpointTransitions(endpointIn(EUW1))).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(f.triggers).containsExactly(Set.of(SERVICE));
  }

  @Test
  void quorumCompletedByAWriteWhoseChangeComesInALaterBatch_isStillDetectedOnce() {
    // The first vantage's DOWN alone is no quorum.
    aggregator.onHealthChanges(List.of(change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN)));
    // The second and third vantages write DOWN; the table holds both when the batch with only the
    // second one's change is processed (the third one's change comes in the next batch).
    var second = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN);
    var third = change(SERVICE, endpointIn(EUW1), APSE2, HealthState.DOWN);

    aggregator.onHealthChanges(List.of(second));
    aggregator.onHealthChanges(List.of(third));

    assertThat(endpointTransitions(endpointIn(EUW1))).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY");
  }

  @Test
  void ownVantageAggregators_eachSeeingOneChangeAfterBothWrites_recordTheTransitionOnce() {
    // On AWS each region's aggregator handles only its own vantage's records; both writes are
    // already replicated when each aggregator reads the table.
    var fromUse1 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN);
    var fromEuw1 = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN);
    AggregatorService otherRegion = f.aggregator();

    aggregator.onHealthChanges(List.of(fromUse1));
    otherRegion.onHealthChanges(List.of(fromEuw1));

    assertThat(endpointTransitions(endpointIn(EUW1))).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY");
  }

  @Test
  void recoveryInOneBatch_isExactlyOneTransitionBackToHealthy() {
    aggregator.onHealthChanges(
        List.of(
            change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN),
            change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN),
            change(SERVICE, endpointIn(EUW1), APSE2, HealthState.DOWN)));
    f.clock.advance(java.time.Duration.ofSeconds(30));
    var up1 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.UP);
    var up2 = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.UP);

    AggregationResult r = aggregator.onHealthChanges(List.of(up1, up2));

    assertThat(r.transitions())
        .extracting(Transition::isRegion, Transition::from, Transition::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(false, "UNHEALTHY", "HEALTHY"),
            org.assertj.core.groups.Tuple.tuple(true, "UNHEALTHY", "HEALTHY"));
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY", "UNHEALTHY->HEALTHY");
    assertThat(endpointTransitions(endpointIn(EUW1)))
        .containsExactly("HEALTHY->UNHEALTHY", "UNHEALTHY->HEALTHY");
  }

  @Test
  void redeliveredBatch_addsNoDuplicate_evenAfterTheAuditLookBackWindow() {
    var c1 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN);
    var c2 = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN);
    aggregator.onHealthChanges(List.of(c1, c2));

    aggregator.onHealthChanges(List.of(c1, c2)); // redelivered at once
    f.clock.advance(java.time.Duration.ofMinutes(10));
    f.heartbeat();
    AggregationResult late = aggregator.onHealthChanges(List.of(c1, c2)); // and much later

    assertThat(late.transitions()).isEmpty();
    assertThat(endpointTransitions(endpointIn(EUW1))).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY");
  }

  @Test
  void auditAppendFailingAfterTheAnnouncementIsSaved_isRepairedOnRedelivery_withoutDuplicates() {
    var c1 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN);
    var c2 = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN);
    f.audit.failNextOn("append", new StoreUnavailableException("audit throttled", null));

    AggregationResult failed = aggregator.onHealthChanges(List.of(c1, c2));

    assertThat(failed.failed()).containsExactly(c1.id(), c2.id());
    assertThat(f.audit.all(SERVICE)).isEmpty();

    AggregationResult redelivered = aggregator.onHealthChanges(List.of(c1, c2));

    assertThat(redelivered.failed()).isEmpty();
    assertThat(endpointTransitions(endpointIn(EUW1))).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(f.triggers).containsExactly(Set.of(SERVICE));
    assertThat(f.aggregated.find(SERVICE).orElseThrow().value().unrecorded()).isEmpty();
  }

  @Test
  void aggregatorLosingTheSaveToAnotherRegionsAggregator_reReads_andRecordsNothingTwice() {
    var fromUse1 = change(SERVICE, endpointIn(EUW1), USE1, HealthState.DOWN);
    var fromEuw1 = change(SERVICE, endpointIn(EUW1), EUW1, HealthState.DOWN);
    AggregatorService otherRegion = f.aggregator();
    // The other region's aggregator runs completely between this one's read and its save.
    boolean[] interleaved = {false};
    AggregatedHealthStore racing =
        new AggregatedHealthStore() {
          @Override
          public Optional<Versioned<State>> find(ServiceName service) {
            return f.aggregated.find(service);
          }

          @Override
          public Versioned<State> save(State state, long expectedVersion) {
            if (!interleaved[0]) {
              interleaved[0] = true;
              otherRegion.onHealthChanges(List.of(fromEuw1));
            }
            return f.aggregated.save(state, expectedVersion);
          }
        };
    AggregatorService thisRegion =
        new AggregatorService(
            f.endpoints,
            f.health,
            racing,
            f.audit,
            f.events,
            f.trigger,
            f.decisions,
            f.metrics,
            f.clock);

    AggregationResult r = thisRegion.onHealthChanges(List.of(fromUse1));

    assertThat(r.failed()).isEmpty();
    assertThat(r.transitions()).isEmpty(); // the other region announced them
    assertThat(endpointTransitions(endpointIn(EUW1))).containsExactly("HEALTHY->UNHEALTHY");
    assertThat(regionTransitions(EUW1)).containsExactly("HEALTHY->UNHEALTHY");
  }

  @Test
  void firstAnnouncementOfANewService_isFromUnknown() {
    ServiceName fresh = ServiceName.of("new.example.com");
    f.registerHealthyService(fresh);
    // No announced state yet (as for a service registered before this aggregator existed).
    AggregatorService agg =
        new AggregatorService(
            f.endpoints,
            f.health,
            new InMemoryAggregatedHealthStore(),
            f.audit,
            f.events,
            f.trigger,
            f.decisions,
            f.metrics,
            f.clock);

    AggregationResult r =
        agg.onHealthChanges(List.of(change(fresh, endpointIn(USE1), USE1, HealthState.UP)));

    assertThat(r.transitions())
        .extracting(Transition::from, Transition::to)
        .hasSize(6)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("UNKNOWN", "HEALTHY"));
    assertThat(
            agg.onHealthChanges(List.of(change(fresh, endpointIn(USE1), USE1, HealthState.UP)))
                .transitions())
        .isEmpty();
  }

  @Test
  void changesOfADeletedServiceOrEndpoint_areSkipped() {
    ServiceName deleted = ServiceName.of("old.example.com");
    VantageHealth orphan = f.vote(deleted, EndpointId.of("x"), USE1, HealthState.DOWN);
    VantageHealth unknownEndpoint =
        f.vote(SERVICE, EndpointId.of("deregistered"), USE1, HealthState.DOWN);
    List<HealthChange> changes = new ArrayList<>();
    changes.add(HealthChange.of("1", Optional.empty(), Optional.of(orphan)));
    changes.add(HealthChange.of("2", Optional.empty(), Optional.of(unknownEndpoint)));

    AggregationResult r = aggregator.onHealthChanges(changes);

    assertThat(r.failed()).isEmpty();
    assertThat(r.transitions()).isEmpty();
    assertThat(f.triggers).isEmpty();
  }
}
