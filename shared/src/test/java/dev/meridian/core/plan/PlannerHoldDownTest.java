package dev.meridian.core.plan;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.EU;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static dev.meridian.core.Fixtures.allUp;
import static dev.meridian.core.Fixtures.config;
import static dev.meridian.core.Fixtures.endpoint;
import static dev.meridian.core.Fixtures.vantage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.HealthAggregation;
import dev.meridian.core.health.Quorum;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hold-down restarts only after the endpoint was not HEALTHY, not when a vantage re-joins while the
 * others keep the quorum (ADR 0013). The aggregator's announced state carries the memory; these
 * tests run the pure pieces (quorum, {@link AggregatedHealth#diff}, planner) over a timeline.
 */
class PlannerHoldDownTest {
  static final Instant NOW = T0.plusSeconds(3600);
  static final Endpoint U1 = endpoint("u1", US, "192.0.2.1");
  static final Endpoint E1 = endpoint("e1", EU, "198.51.100.1");
  static final Endpoint A1 = endpoint("a1", AP, "203.0.113.1");
  static final List<Endpoint> ALL = List.of(U1, E1, A1);
  static final ServiceConfig CFG = config().holdDown(Duration.ofSeconds(30)).build();

  /** The other endpoints UP for an hour, u1's vantages UP since the given instants. */
  static List<VantageHealth> health(Instant now, Instant ap, Instant eu, Instant us) {
    List<VantageHealth> h = new ArrayList<>(allUp(List.of(E1, A1), now));
    h.add(vantage(U1, AP, HealthState.UP, now, ap));
    h.add(vantage(U1, EU, HealthState.UP, now, eu));
    h.add(vantage(U1, US, HealthState.UP, now, us));
    return h;
  }

  static RoutingPlan plan(
      List<VantageHealth> h, RoutingPlan previous, Instant now, AggregatedHealth announced) {
    return Planner.plan(
        new PlanningInput(
            CFG, ALL, h, List.of(), Optional.ofNullable(previous), now, announced.healthySince()));
  }

  /** What the aggregator would store after evaluating {@code h} against {@code before}. */
  static AggregatedHealth announce(AggregatedHealth before, List<VantageHealth> h, Instant now) {
    Map<EndpointId, EndpointHealth> verdicts = new java.util.TreeMap<>();
    for (Endpoint e : ALL) {
      verdicts.put(
          e.id(),
          Quorum.evaluate(
              e, h.stream().filter(v -> v.endpoint().equals(e.id())).toList(), CFG, now));
    }
    return before.diff(verdicts.values(), HealthAggregation.regions(ALL, verdicts)).next();
  }

  static int weight(RoutingPlan p, Region r) {
    return p.region(r).map(RegionRoute::weight).orElse(0);
  }

  @Test
  void vantagesRejoiningOneAfterTheOther_whileTheQuorumHolds_doNotRestartTheHoldDown() {
    Instant t0 = NOW.minusSeconds(3600);
    // Steady: every vantage UP since t0, announced HEALTHY since t0.
    List<VantageHealth> steady = health(NOW, t0, t0, t0);
    AggregatedHealth announced = announce(AggregatedHealth.initial(CFG.name()), steady, NOW);
    assertThat(announced.healthySince(U1.id())).contains(t0);
    RoutingPlan before = plan(steady, null, NOW, announced);
    assertThat(weight(before, US)).isEqualTo(255);

    // EU's vantage flaps (DOWN at +10, UP at +20; AP and US keep the quorum), then US's does
    // (DOWN at +30, UP at +40). The endpoint is HEALTHY by quorum throughout.
    Instant t1 = NOW.plusSeconds(20);
    Instant t2 = NOW.plusSeconds(40);
    Instant now = NOW.plusSeconds(45);
    List<VantageHealth> h = health(now, t0, t1, t2);
    announced = announce(announced, health(NOW.plusSeconds(25), t0, t1, t0), NOW.plusSeconds(25));
    announced = announce(announced, h, now);

    // The records alone: the 2nd earliest upSince is t1, 25 s ago, so u1 is "in hold-down".
    RoutingPlan fromRecords = plan(h, before, now, AggregatedHealth.initial(CFG.name()));
    assertThat(weight(fromRecords, US)).isLessThan(255);
    assertThat(fromRecords.region(US).orElseThrow().explanation()).contains("in hold-down");

    // With the announced start of continuous health: nothing changes.
    assertThat(announced.healthySince(U1.id())).contains(t0);
    RoutingPlan p = plan(h, before, now, announced);
    assertThat(weight(p, US)).isEqualTo(255);
    assertThat(p.sameRouting(before)).isTrue();
  }

  @Test
  void aRealDownUpOfTheEndpoint_stillRampsThroughTheHoldDown() {
    Instant t0 = NOW.minusSeconds(3600);
    List<VantageHealth> steady = health(NOW, t0, t0, t0);
    AggregatedHealth announced = announce(AggregatedHealth.initial(CFG.name()), steady, NOW);
    RoutingPlan before = plan(steady, null, NOW, announced);

    // Two vantages DOWN at +10: UNHEALTHY, announced so (healthySince dropped).
    Instant down = NOW.plusSeconds(10);
    List<VantageHealth> outage = new ArrayList<>(allUp(List.of(E1, A1), down));
    outage.add(vantage(U1, AP, HealthState.UP, down, t0));
    outage.add(vantage(U1, EU, HealthState.DOWN, down, down));
    outage.add(vantage(U1, US, HealthState.DOWN, down, down));
    announced = announce(announced, outage, down);
    assertThat(announced.healthySince(U1.id())).isEmpty();
    RoutingPlan during = plan(outage, before, down, announced);
    assertThat(weight(during, US)).isZero();

    // Both back UP at +20: HEALTHY again, announced since +20; 15 s later still in hold-down.
    Instant up = NOW.plusSeconds(20);
    announced = announce(announced, health(up, t0, up, up), up);
    assertThat(announced.healthySince(U1.id())).contains(up);
    Instant now = up.plusSeconds(15);
    RoutingPlan p = plan(health(now, t0, up, up), during, now, announced);
    assertThat(p.region(US).orElseThrow().explanation())
        .contains("u1 healthy for 15s of 30s (50%)");

    // After the hold-down the endpoint counts in full again.
    Instant later = up.plusSeconds(31);
    RoutingPlan settled = plan(health(later, t0, up, up), p, later, announced);
    assertThat(settled.region(US).orElseThrow().explanation()).doesNotContain("in hold-down");
  }

  @Test
  void withoutAnnouncedState_theRecordsDecideAsBefore() {
    Instant now = NOW.plusSeconds(60);
    List<VantageHealth> h = health(now, now.minusSeconds(15), now.minusSeconds(15), now);
    RoutingPlan before =
        plan(health(NOW, T0, T0, T0), null, NOW, AggregatedHealth.initial(CFG.name()));
    RoutingPlan viaMap = plan(h, before, now, AggregatedHealth.initial(CFG.name()));
    RoutingPlan legacy =
        Planner.plan(new PlanningInput(CFG, ALL, h, List.of(), Optional.of(before), now));
    assertThat(viaMap).isEqualTo(legacy);
    assertThat(legacy.region(US).orElseThrow().explanation())
        .contains("u1 healthy for 15s of 30s (50%)");
  }
}
