package dev.meridian.app.scheduler;

import static dev.meridian.app.ControlFixture.EUW1;
import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.T0;
import static dev.meridian.app.ControlFixture.USE1;
import static dev.meridian.app.ControlFixture.endpointIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.ControlFixture;
import dev.meridian.app.aggregator.HealthChange;
import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler plans with the aggregator's announced start of continuous health (ADR 0013): a
 * vantage re-joining while the others keep the quorum does not restart the endpoint's hold-down,
 * and a real DOWN → UP still does.
 */
class SchedulerHoldDownTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final Instant longAgo = T0.minus(Duration.ofHours(1));
  private int seq;

  @BeforeEach
  void holdDownOfThirtySeconds() {
    var cfg = f.endpoints.findService(SERVICE).orElseThrow();
    f.endpoints.saveService(
        cfg.value().toBuilder().holdDown(Duration.ofSeconds(30)).build(), cfg.version());
    // The aggregator's first look at the service after ADR 0013: the state seeded as announced
    // before it (HEALTHY, no healthySince) gets the quorum's healthySince, without a transition.
    f.clock.advance(Duration.ofSeconds(1));
    f.heartbeat();
    var result = f.aggregator().onHealthChanges(List.of(change(vote(USE1, USE1, longAgo))));
    assertThat(result.transitions()).isEmpty();
    assertThat(announced().healthySince(endpointIn(USE1))).contains(longAgo);
    f.scheduler("a").runOnce(SERVICE);
  }

  @Test
  void vantagesRejoiningWhileTheQuorumHolds_doNotDipTheWeight() {
    rejoin(EUW1);
    rejoin(USE1);
    assertThat(announced().healthySince(endpointIn(USE1))).contains(longAgo);

    assertThat(weight(f.planning().preview(SERVICE, List.of()).plan(), USE1)).isEqualTo(255);
    f.scheduler("a").runOnce(SERVICE);

    assertThat(weight(published(), USE1)).isEqualTo(255);
  }

  @Test
  void withoutTheAnnouncedState_theSameRecordsWouldDipTheWeight() {
    rejoin(EUW1);
    rejoin(USE1);
    // Forget the announced healthySince: the planner falls back to the records' quorum.
    var state = f.aggregated.find(SERVICE).orElseThrow();
    AggregatedHealth v = state.value().verdicts();
    f.aggregated.save(
        new AggregatedHealthStore.State(
            new AggregatedHealth(SERVICE, v.endpoints(), v.regions()), List.of()),
        state.version());

    assertThat(weight(f.planning().preview(SERVICE, List.of()).plan(), USE1)).isLessThan(255);
    f.scheduler("a").runOnce(SERVICE);

    assertThat(weight(published(), USE1)).isLessThan(255);
    assertThat(published().region(USE1).orElseThrow().explanation()).contains("in hold-down");
  }

  @Test
  void aRealDownUp_restartsTheHoldDown() {
    Instant down = advance(10);
    aggregate(vote(EUW1, USE1, null), vote(USE1, USE1, null));
    assertThat(announced().healthySince(endpointIn(USE1))).isEmpty();
    f.scheduler("a").runOnce(SERVICE);
    assertThat(weight(published(), USE1)).isZero();

    Instant up = advance(10);
    aggregate(vote(EUW1, USE1, up), vote(USE1, USE1, up));
    assertThat(announced().healthySince(endpointIn(USE1))).contains(up);
    advance(15);
    f.scheduler("a").runOnce(SERVICE);

    assertThat(published().region(USE1).orElseThrow().explanation())
        .contains("healthy for 15s of 30s");
    assertThat(down).isBefore(up);
  }

  /** The vantage's record of us-east-1's endpoint goes DOWN, then UP again 10 s later. */
  private void rejoin(Region vantage) {
    advance(10);
    aggregate(vote(vantage, USE1, null));
    Instant up = advance(10);
    aggregate(vote(vantage, USE1, up));
  }

  private Instant advance(long seconds) {
    f.clock.advance(Duration.ofSeconds(seconds));
    f.heartbeat();
    return f.clock.instant();
  }

  private void aggregate(VantageHealth... records) {
    f.health.putAll(List.of(records));
    for (VantageHealth r : records) {
      f.aggregator().onHealthChanges(List.of(change(r)));
    }
  }

  private HealthChange change(VantageHealth after) {
    return HealthChange.of(Integer.toString(seq++), Optional.empty(), Optional.of(after));
  }

  /** A record probed now: UP since {@code upSince}, or DOWN when it is null. */
  private VantageHealth vote(Region vantage, Region endpointRegion, Instant upSince) {
    Instant now = f.clock.instant();
    boolean up = upSince != null;
    return new VantageHealth(
        SERVICE,
        endpointIn(endpointRegion),
        vantage,
        up ? HealthState.UP : HealthState.DOWN,
        up ? 2 : 0,
        up ? 0 : 3,
        now,
        Optional.of(up ? upSince : now),
        Optional.ofNullable(upSince),
        0,
        now,
        false,
        12.5,
        up ? Optional.empty() : Optional.of("status 503"));
  }

  private AggregatedHealth announced() {
    return f.aggregated.find(SERVICE).map(Versioned::value).orElseThrow().verdicts();
  }

  private RoutingPlan published() {
    return f.plans.find(SERVICE).orElseThrow().value().plan();
  }

  private static int weight(RoutingPlan p, Region r) {
    return p.region(r).map(RegionRoute::weight).orElse(0);
  }
}
