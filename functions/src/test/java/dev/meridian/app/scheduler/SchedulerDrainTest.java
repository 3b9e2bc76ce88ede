package dev.meridian.app.scheduler;

import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.USE1;
import static dev.meridian.app.ControlFixture.endpointIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.app.ControlFixture;
import dev.meridian.app.registry.RegistryService;
import dev.meridian.app.scheduler.RunResult.Outcome;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drain (ADR 0012) through the scheduler: the weight ramps to 0 over drainDuration (2 min), then
 * the endpoint leaves the records and only then becomes DRAINING, audited once. Fake clock.
 */
class SchedulerDrainTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final SchedulerService scheduler = f.scheduler("us-east-1/a");
  private final RegistryService registry =
      new RegistryService(f.endpoints, f.health, f.audit, f.events, f.clock);

  @BeforeEach
  void publishTheInitialPlan() {
    assertThat(scheduler.runOnce(SERVICE).outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(route("us-east-1").weight()).isEqualTo(255);
  }

  private RegionRoute route(String region) {
    return f.plans.find(SERVICE).orElseThrow().value().plan().regions().stream()
        .filter(r -> r.region().code().equals(region))
        .findFirst()
        .orElseThrow();
  }

  private Endpoint stored() {
    return f.endpoints.findEndpoint(SERVICE, endpointIn(USE1)).orElseThrow().value();
  }

  private RunResult after(Duration d) {
    f.clock.advance(d);
    f.heartbeat();
    return scheduler.runOnce(SERVICE);
  }

  private List<AuditEvent> drainedEvents() {
    return f.audit(AuditEvent.Kind.ENDPOINT_CHANGED).stream()
        .filter(e -> e.actor().equals(SchedulerService.ACTOR))
        .toList();
  }

  @Test
  void weightRampsToZero_thenTheEndpointLeavesTheRecords_thenItIsDraining_auditedOnce() {
    registry.drain(SERVICE, endpointIn(USE1), "alice");

    List<Double> shares = new ArrayList<>();
    for (int step = 1; step <= 3; step++) {
      RunResult r = after(Duration.ofSeconds(30));
      assertThat(r.outcome()).as("step %d", step).isEqualTo(Outcome.PUBLISHED);
      shares.add(route("us-east-1").share());
      assertThat(route("us-east-1").values()).as("still published").containsExactly("192.0.2.3");
      assertThat(stored().state()).isEqualTo(EndpointState.ACTIVE);
      assertThat(stored().draining()).isTrue();
    }
    // US: 100 f of 200 + 100 f, f = 0.75, 0.5, 0.25.
    assertThat(shares.get(0)).isCloseTo(75 / 275.0, within(1e-6));
    assertThat(shares.get(1)).isCloseTo(50 / 250.0, within(1e-6));
    assertThat(shares.get(2)).isCloseTo(25 / 225.0, within(1e-6));
    assertThat(drainedEvents()).isEmpty();

    RunResult end = after(Duration.ofSeconds(30));

    assertThat(end.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(route("us-east-1").weight()).isZero();
    assertThat(route("us-east-1").values()).isEmpty();
    assertThat(f.dns.published(SERVICE).toString()).doesNotContain("192.0.2.3");
    assertThat(stored().state()).isEqualTo(EndpointState.DRAINING);
    assertThat(stored().draining()).isFalse();
    assertThat(stored().weight()).as("base weight kept for re-activation").isEqualTo(100);
    assertThat(drainedEvents()).hasSize(1);
    AuditEvent drained = drainedEvents().get(0);
    assertThat(drained.summary()).contains("ramped from 100 to 0 over PT2M");
    assertThat(drained.details())
        .containsEntry("state", "ACTIVE -> DRAINING")
        .containsEntry("endpoint", endpointIn(USE1).value());

    // Setting it DRAINING changes no routing: nothing more is published or audited.
    int audited = f.audit.all(SERVICE).size();
    assertThat(after(Duration.ofSeconds(30)).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(after(Duration.ofSeconds(30)).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(f.audit.all(SERVICE)).hasSize(audited);
    assertThat(drainedEvents()).hasSize(1);
  }

  @Test
  void aRunBeforeTheEndOfTheRamp_neverSetsDraining() {
    registry.drain(SERVICE, endpointIn(USE1), "alice");
    after(Duration.ofSeconds(119));
    assertThat(stored().state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(route("us-east-1").values()).containsExactly("192.0.2.3");
    assertThat(drainedEvents()).isEmpty();
  }

  @Test
  void cancelledDrain_givesTheWeightBack_andIsNeverSetDraining() {
    registry.drain(SERVICE, endpointIn(USE1), "alice");
    after(Duration.ofSeconds(60));
    assertThat(route("us-east-1").weight()).isLessThan(255);

    registry.updateEndpoint(
        SERVICE,
        endpointIn(USE1),
        e -> e.withState(EndpointState.ACTIVE).withDrainStartedAt(Optional.empty()),
        OptionalLong.empty(),
        "alice");
    after(Duration.ofSeconds(120));

    assertThat(stored().state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(stored().draining()).isFalse();
    assertThat(route("us-east-1").weight()).isEqualTo(255);
    assertThat(drainedEvents()).isEmpty();
    assertThat(f.audit(AuditEvent.Kind.ENDPOINT_CHANGED))
        .extracting(AuditEvent::summary)
        .contains("endpoint ep-us-east-1 drain cancelled");
  }

  @Test
  void operatorChangeRacingTheFinalWrite_winsAndNothingIsAudited_nextRunFinishes() {
    registry.drain(SERVICE, endpointIn(USE1), "alice");
    f.endpoints.failNextOn("saveEndpoint", new ConflictException("version moved"));

    RunResult end = after(Duration.ofSeconds(120));

    assertThat(end.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(stored().state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(drainedEvents()).isEmpty();

    after(Duration.ofSeconds(10));
    assertThat(stored().state()).isEqualTo(EndpointState.DRAINING);
    assertThat(drainedEvents()).hasSize(1);
  }

  @Test
  void endpointStoreDownForTheFinalWrite_doesNotFailThePublication() {
    registry.drain(SERVICE, endpointIn(USE1), "alice");
    f.endpoints.failNextOn("findEndpoint", new StoreUnavailableException("throttled", null));

    RunResult end = after(Duration.ofSeconds(120));

    assertThat(end.outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(route("us-east-1").values()).isEmpty();
    assertThat(stored().state()).isEqualTo(EndpointState.ACTIVE);

    assertThat(after(Duration.ofSeconds(10)).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(stored().state()).isEqualTo(EndpointState.DRAINING);
    assertThat(drainedEvents()).hasSize(1);
  }

  @Test
  void nonLeader_neverSetsDraining() {
    registry.drain(SERVICE, endpointIn(USE1), "alice");
    SchedulerService other = f.scheduler("eu-west-1/b");
    after(Duration.ofSeconds(110)); // the holder renews its lease
    f.clock.advance(Duration.ofSeconds(10));
    f.heartbeat();

    assertThat(other.runOnce(SERVICE).outcome()).isEqualTo(Outcome.NOT_LEADER);
    assertThat(stored().state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(f.endpoints.findEndpoint(SERVICE, endpointIn(USE1)).map(Versioned::version))
        .contains(2L);
  }
}
