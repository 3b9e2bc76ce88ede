package dev.meridian.core.drill;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.EU;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static dev.meridian.core.Fixtures.US2;
import static dev.meridian.core.Fixtures.all;
import static dev.meridian.core.Fixtures.config;
import static dev.meridian.core.Fixtures.drill;
import static dev.meridian.core.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.HealthAggregation;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DrillRulesTest {
  static final Instant NOW = T0.plusSeconds(3600);
  static final Endpoint U1 = endpoint("u1", US, "192.0.2.1");
  static final Endpoint U2 = endpoint("u2", US, "192.0.2.2");
  static final Endpoint E1 = endpoint("e1", EU, "198.51.100.1");
  static final Endpoint E2 = endpoint("e2", EU, "198.51.100.2");
  static final Endpoint A1 = endpoint("a1", AP, "203.0.113.1");
  static final Endpoint A2 = endpoint("a2", AP, "203.0.113.2");
  static final List<Endpoint> SIX = List.of(U1, U2, E1, E2, A1, A2);

  /** Everything UP except the endpoints given as DOWN. */
  static Map<EndpointId, EndpointHealth> health(ServiceConfig cfg, Endpoint... down) {
    List<VantageHealth> h = new ArrayList<>();
    List<Endpoint> downList = List.of(down);
    for (Endpoint e : SIX) {
      h.addAll(all(e, downList.contains(e) ? HealthState.DOWN : HealthState.UP, NOW));
    }
    return HealthAggregation.evaluateAll(cfg, SIX, h, NOW);
  }

  static Drill requested(DrillMode mode, long startIn, long endIn) {
    return drill(
        "d1", AP, mode, NOW.plusSeconds(startIn), NOW.plusSeconds(endIn), DrillState.PENDING);
  }

  static Stream<Arguments> pairs() {
    List<Arguments> out = new ArrayList<>();
    for (DrillState from : DrillState.values()) {
      for (DrillState to : DrillState.values()) {
        boolean legal =
            (from == DrillState.PENDING
                    && (to == DrillState.ACTIVE
                        || to == DrillState.REFUSED
                        || to == DrillState.ABORTED))
                || (from == DrillState.ACTIVE
                    && (to == DrillState.COMPLETED || to == DrillState.ABORTED));
        out.add(arguments(from, to, legal));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} legal={2}")
  @MethodSource("pairs")
  void transitionTableIsExplicit(DrillState from, DrillState to, boolean legal) {
    assertThat(DrillRules.isLegal(from, to)).isEqualTo(legal);
    Drill d = drill("d1", AP, DrillMode.evacuate(), NOW, NOW.plusSeconds(60), from);
    if (legal) {
      assertThat(DrillRules.transition(d, to, "why", NOW).state()).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> DrillRules.transition(d, to, "why", NOW))
          .isInstanceOf(IllegalDrillTransitionException.class)
          .hasMessageContaining("cannot go from " + from + " to " + to);
    }
  }

  record AdmitCase(
      String name,
      ServiceConfig cfg,
      Drill drill,
      List<Drill> others,
      Endpoint[] down,
      DrillState expected,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<AdmitCase> admissions() {
    ServiceConfig cfg = config().build(); // 600 registered, load 300, 10 % headroom
    ServiceConfig heavy = config().expectedLoad(400).build();
    ServiceConfig failover =
        config().policy(RoutingPolicy.FAILOVER).failoverPriority(List.of(AP, EU, US)).build();
    Drill evacuate = requested(DrillMode.evacuate(), 0, 600);
    Endpoint[] none = {};
    return Stream.of(
        new AdmitCase(
            "starts now: ACTIVE",
            cfg,
            evacuate,
            List.of(),
            none,
            DrillState.ACTIVE,
            "started at admission; other regions: healthy capacity less 10% headroom = 360 can carry 300"),
        new AdmitCase(
            "starts later: PENDING",
            cfg,
            requested(DrillMode.evacuate(), 60, 600),
            List.of(),
            none,
            DrillState.PENDING,
            "admitted, starts at"),
        new AdmitCase(
            "already expired",
            cfg,
            requested(DrillMode.evacuate(), -600, -1),
            List.of(),
            none,
            DrillState.REFUSED,
            "refused: expires at"),
        new AdmitCase(
            "others cannot carry the load with headroom",
            heavy,
            evacuate,
            List.of(),
            none,
            DrillState.REFUSED,
            "refused: other regions: healthy capacity less 10% headroom = 360 cannot carry 400"),
        new AdmitCase(
            "a smaller SHIFT fits where EVACUATE does not",
            heavy,
            requested(DrillMode.shift(50), 0, 600),
            List.of(),
            none,
            DrillState.ACTIVE,
            "can carry 333.3"),
        new AdmitCase(
            "degraded others count only healthy capacity",
            cfg,
            evacuate,
            List.of(),
            new Endpoint[] {U1, E1},
            DrillState.REFUSED,
            "= 180 cannot carry 300"),
        new AdmitCase(
            "another region already UNHEALTHY",
            config().expectedLoad(1).build(),
            evacuate,
            List.of(),
            new Endpoint[] {U1, U2},
            DrillState.REFUSED,
            "refused: us-east-1 is already UNHEALTHY"),
        new AdmitCase(
            "another drill ACTIVE on the service",
            cfg,
            evacuate,
            List.of(
                drill(
                    "d0",
                    EU,
                    DrillMode.shift(10),
                    NOW.minusSeconds(60),
                    NOW.plusSeconds(60),
                    DrillState.ACTIVE)),
            none,
            DrillState.REFUSED,
            "refused: drill d0 (SHIFT 10% eu-west-1) is already ACTIVE"),
        new AdmitCase(
            "an overlapping PENDING drill",
            cfg,
            evacuate,
            List.of(
                drill(
                    "d0",
                    EU,
                    DrillMode.evacuate(),
                    NOW.plusSeconds(300),
                    NOW.plusSeconds(900),
                    DrillState.PENDING)),
            none,
            DrillState.REFUSED,
            "is already PENDING"),
        new AdmitCase(
            "a later PENDING drill does not overlap",
            cfg,
            evacuate,
            List.of(
                drill(
                    "d0",
                    EU,
                    DrillMode.evacuate(),
                    NOW.plusSeconds(600),
                    NOW.plusSeconds(900),
                    DrillState.PENDING)),
            none,
            DrillState.ACTIVE,
            "started"),
        new AdmitCase(
            "finished drills do not count",
            cfg,
            evacuate,
            List.of(
                drill(
                    "d0",
                    EU,
                    DrillMode.evacuate(),
                    NOW.minusSeconds(900),
                    NOW.minusSeconds(600),
                    DrillState.COMPLETED)),
            none,
            DrillState.ACTIVE,
            "started"),
        new AdmitCase(
            "a region without endpoints",
            cfg,
            drill("d1", US2, DrillMode.evacuate(), NOW, NOW.plusSeconds(60), DrillState.PENDING),
            List.of(),
            none,
            DrillState.REFUSED,
            "refused: us-west-2 has no ACTIVE endpoint"),
        new AdmitCase(
            "SHIFT needs WEIGHTED",
            failover,
            requested(DrillMode.shift(20), 0, 600),
            List.of(),
            none,
            DrillState.REFUSED,
            "refused: SHIFT needs the WEIGHTED policy"),
        new AdmitCase(
            "FAILOVER: evacuating the primary needs the next region to carry all",
            config()
                .policy(RoutingPolicy.FAILOVER)
                .failoverPriority(List.of(AP, EU, US))
                .expectedLoad(190)
                .build(),
            evacuate,
            List.of(),
            none,
            DrillState.REFUSED,
            "next failover region eu-west-1: healthy capacity less 10% headroom = 180 cannot carry 190"),
        new AdmitCase(
            "FAILOVER: evacuating a standby moves nothing",
            failover,
            drill("d1", US, DrillMode.evacuate(), NOW, NOW.plusSeconds(60), DrillState.PENDING),
            List.of(),
            none,
            DrillState.ACTIVE,
            "us-east-1 is not PRIMARY, so no traffic moves"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admissions")
  void admits(AdmitCase c) {
    Drill d = DrillRules.admit(c.drill(), c.cfg(), SIX, health(c.cfg(), c.down()), c.others(), NOW);
    assertThat(d.state()).isEqualTo(c.expected());
    assertThat(d.stateReason()).hasValueSatisfying(r -> assertThat(r).contains(c.reason()));
    assertThat(d.updatedAt()).isEqualTo(NOW);
  }

  @Test
  void admitOnlyTakesAPendingRequest() {
    Drill active =
        drill("d1", AP, DrillMode.evacuate(), NOW, NOW.plusSeconds(60), DrillState.ACTIVE);
    ServiceConfig cfg = config().build();
    assertThatThrownBy(() -> DrillRules.admit(active, cfg, SIX, health(cfg), List.of(), NOW))
        .isInstanceOf(IllegalDrillTransitionException.class);
  }

  record AdvanceCase(
      String name,
      DrillState state,
      long nowOffset,
      Endpoint[] down,
      Optional<DrillState> expected,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<AdvanceCase> advances() {
    Endpoint[] none = {};
    return Stream.of(
        new AdvanceCase(
            "PENDING before its start", DrillState.PENDING, 0, none, Optional.empty(), ""),
        new AdvanceCase(
            "PENDING at its start",
            DrillState.PENDING,
            60,
            none,
            Optional.of(DrillState.ACTIVE),
            "started at"),
        new AdvanceCase(
            "PENDING at its start on a degraded service",
            DrillState.PENDING,
            60,
            new Endpoint[] {U1, U2},
            Optional.of(DrillState.ABORTED),
            "not started: us-east-1 became UNHEALTHY"),
        new AdvanceCase(
            "PENDING past its expiry",
            DrillState.PENDING,
            700,
            none,
            Optional.of(DrillState.ABORTED),
            "expired before it could start"),
        new AdvanceCase("ACTIVE and fine", DrillState.ACTIVE, 120, none, Optional.empty(), ""),
        new AdvanceCase(
            "ACTIVE when another region becomes UNHEALTHY",
            DrillState.ACTIVE,
            120,
            new Endpoint[] {E1, E2},
            Optional.of(DrillState.ABORTED),
            "auto-abort: eu-west-1 became UNHEALTHY"),
        new AdvanceCase(
            "ACTIVE when remaining capacity gets short",
            DrillState.ACTIVE,
            120,
            new Endpoint[] {E1, U1},
            Optional.of(DrillState.ABORTED),
            "auto-abort: other regions: healthy capacity less 10% headroom = 180 cannot carry 300"),
        new AdvanceCase(
            "ACTIVE and the drilled region itself fails: nothing to abort",
            DrillState.ACTIVE,
            120,
            new Endpoint[] {A1, A2},
            Optional.empty(),
            ""),
        new AdvanceCase(
            "ACTIVE at expiry",
            DrillState.ACTIVE,
            660,
            none,
            Optional.of(DrillState.COMPLETED),
            "completed at expiry"),
        new AdvanceCase("COMPLETED stays", DrillState.COMPLETED, 900, none, Optional.empty(), ""),
        new AdvanceCase("REFUSED stays", DrillState.REFUSED, 120, none, Optional.empty(), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("advances")
  void advancesWithTime(AdvanceCase c) {
    ServiceConfig cfg = config().build();
    Drill d =
        drill("d1", AP, DrillMode.evacuate(), NOW.plusSeconds(60), NOW.plusSeconds(660), c.state());
    Optional<Drill> next =
        DrillRules.advance(d, cfg, SIX, health(cfg, c.down()), NOW.plusSeconds(c.nowOffset()));
    assertThat(next.map(Drill::state)).isEqualTo(c.expected());
    next.ifPresent(n -> assertThat(n.stateReason().orElseThrow()).contains(c.reason()));
  }

  @Test
  void abortFromActiveOrPending_butNotFromAFinishedDrill() {
    UnaryOperator<DrillState> abort =
        s ->
            DrillRules.abort(
                    drill("d1", AP, DrillMode.evacuate(), NOW, NOW.plusSeconds(60), s),
                    "operator",
                    NOW)
                .state();
    assertThat(abort.apply(DrillState.ACTIVE)).isEqualTo(DrillState.ABORTED);
    assertThat(abort.apply(DrillState.PENDING)).isEqualTo(DrillState.ABORTED);
    assertThatThrownBy(() -> abort.apply(DrillState.COMPLETED))
        .isInstanceOf(IllegalDrillTransitionException.class);
  }
}
