package dev.meridian.core.plan;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.EU;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static dev.meridian.core.Fixtures.allUp;
import static dev.meridian.core.Fixtures.config;
import static dev.meridian.core.Fixtures.endpoint;
import static dev.meridian.core.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The drain ramp (ADR 0012): the pure arithmetic and its effect on the planner. */
class DrainRampTest {
  static final Instant NOW = T0.plusSeconds(3600);
  static final Endpoint U1 = endpoint("u1", US, "192.0.2.1");
  static final Endpoint U2 = endpoint("u2", US, "192.0.2.2");
  static final Endpoint E1 = endpoint("e1", EU, "198.51.100.1");
  static final Endpoint E2 = endpoint("e2", EU, "198.51.100.2");
  static final Endpoint A1 = endpoint("a1", AP, "203.0.113.1");
  static final Endpoint A2 = endpoint("a2", AP, "203.0.113.2");

  /** Default config: drainDuration 2 min, rampDuration 2 min, maxStepIncrease 25 %. */
  static final ServiceConfig CFG = config().build();

  static final Endpoint A1_DRAINING = A1.withDrainStartedAt(Optional.of(NOW));

  static List<Endpoint> six(Endpoint a1, Endpoint a2) {
    return List.of(U1, U2, E1, E2, a1, a2);
  }

  static RoutingPlan at(
      ServiceConfig cfg, List<Endpoint> eps, Optional<RoutingPlan> prev, long seconds) {
    Instant t = NOW.plusSeconds(seconds);
    return plan(cfg, eps, allUp(eps, t), List.of(), prev, t);
  }

  static RegionRoute route(RoutingPlan p, Region r) {
    return p.region(r).orElseThrow();
  }

  /** AP's target share with a1 at {@code f} of its weight: (100 + 100 f) / (500 + 100 f). */
  static double apTarget(double f) {
    return (100 + 100 * f) / (500 + 100 * f);
  }

  @Nested
  class Arithmetic {
    static Stream<Arguments> ramp() {
      return Stream.of(
          Arguments.of("not started yet (clock skew): full weight", -10L, 1.0),
          Arguments.of("at the start: full weight", 0L, 1.0),
          Arguments.of("a quarter in", 30L, 0.75),
          Arguments.of("half way", 60L, 0.5),
          Arguments.of("three quarters in", 90L, 0.25),
          Arguments.of("at the end: 0", 120L, 0.0),
          Arguments.of("long after: still 0", 3600L, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ramp")
    void remainingIsLinearOverTheDrainDuration(String name, long elapsed, double expected) {
      assertThat(DrainRamp.remaining(A1_DRAINING, CFG, NOW.plusSeconds(elapsed)))
          .isCloseTo(expected, within(1e-12));
    }

    @Test
    void notDraining_countsInFull() {
      assertThat(DrainRamp.remaining(A1, CFG, NOW)).isEqualTo(1.0);
      assertThat(DrainRamp.progress(A1, CFG, NOW)).isEmpty();
      assertThat(DrainRamp.complete(A1, CFG, NOW)).isFalse();
    }

    @Test
    void zeroDrainDuration_isCompleteAtOnce() {
      ServiceConfig now = config().drainDuration(Duration.ZERO).build();
      assertThat(DrainRamp.remaining(A1_DRAINING, now, NOW)).isZero();
      assertThat(DrainRamp.complete(A1_DRAINING, now, NOW)).isTrue();
    }

    @Test
    void progress_reportsTheEffectiveWeightAndTheEnd() {
      DrainRamp.Progress p =
          DrainRamp.progress(A1_DRAINING.withWeight(80), CFG, NOW.plusSeconds(30)).orElseThrow();
      assertThat(p.startedAt()).isEqualTo(NOW);
      assertThat(p.endsAt()).isEqualTo(NOW.plusSeconds(120));
      assertThat(p.remaining()).isEqualTo(0.75);
      assertThat(p.effectiveWeight()).isEqualTo(60.0);
      assertThat(p.effectiveCapacity()).isEqualTo(75.0);
      assertThat(p.complete()).isFalse();
      assertThat(
              DrainRamp.progress(A1_DRAINING, CFG, NOW.plusSeconds(120)).orElseThrow().complete())
          .isTrue();
    }
  }

  @Nested
  class Weighted {
    @Test
    void regionShareFallsStepByStep_andTheEndpointLeavesTheRecordsAtZero() {
      List<Endpoint> eps = six(A1_DRAINING, A2);
      RoutingPlan before = at(CFG, six(A1, A2), Optional.empty(), 0);
      assertThat(route(before, AP).share()).isCloseTo(1 / 3.0, within(1e-9));

      RoutingPlan prev = before;
      double last = route(before, AP).share();
      int lastWeight = route(before, AP).weight();
      for (long s = 30; s < 120; s += 30) {
        RoutingPlan p = at(CFG, eps, Optional.of(prev), s);
        double f = 1 - s / 120.0;
        RegionRoute ap = route(p, AP);
        assertThat(ap.share()).as("AP share at %d s", s).isCloseTo(apTarget(f), within(1e-6));
        assertThat(ap.share()).isLessThan(last);
        assertThat(ap.weight()).isLessThan(lastWeight);
        assertThat(route(p, EU).share()).isGreaterThan(route(prev, EU).share());
        // While it ramps, its address stays published.
        assertThat(ap.values()).containsExactly("203.0.113.1", "203.0.113.2");
        assertThat(p.mode()).isEqualTo(PlanMode.NORMAL);
        last = ap.share();
        lastWeight = ap.weight();
        prev = p;
      }
      RoutingPlan mid = at(CFG, eps, Optional.of(before), 60);
      assertThat(route(mid, AP).explanation())
          .contains("1 draining: a1 weight 50 of 100 (60s of 2m)")
          .contains("base weight 150 (200 before the drain ramp)");

      RoutingPlan end = at(CFG, eps, Optional.of(prev), 120);
      assertThat(route(end, AP).values()).containsExactly("203.0.113.2");
      assertThat(route(end, AP).share()).isCloseTo(0.2, within(1e-9));
      assertThat(route(end, AP).explanation())
          .contains("1 drained (weight ramped to 0, left out of the records): a1");
      assertThat(DrainRamp.readyToMarkDrained(CFG, eps, end, NOW.plusSeconds(120)))
          .containsExactly(A1_DRAINING);
      assertThat(DrainRamp.readyToMarkDrained(CFG, eps, prev, NOW.plusSeconds(120)))
          .as("the previous plan still publishes a1")
          .isEmpty();
    }

    @Test
    void drainedEndpointSetDraining_routesExactlyLikeTheCompletedRamp() {
      List<Endpoint> eps = six(A1_DRAINING, A2);
      RoutingPlan end = at(CFG, eps, Optional.empty(), 120);
      RoutingPlan marked =
          at(CFG, six(A1.withState(EndpointState.DRAINING), A2), Optional.of(end), 120);
      assertThat(marked.sameRouting(end)).isTrue();
    }

    @Test
    void replanningAtTheSameInstantDuringARamp_changesNothing() {
      List<Endpoint> eps = six(A1_DRAINING, A2);
      RoutingPlan p = at(CFG, eps, Optional.empty(), 45);
      assertThat(at(CFG, eps, Optional.of(p), 45).sameRouting(p)).isTrue();
    }

    @Test
    void drainingAWholeRegion_takesItsShareToZeroSmoothly() {
      List<Endpoint> eps = six(A1_DRAINING, A2.withDrainStartedAt(Optional.of(NOW)));
      RoutingPlan prev = at(CFG, six(A1, A2), Optional.empty(), 0);
      List<Double> shares = new ArrayList<>();
      for (long s = 30; s <= 120; s += 30) {
        prev = at(CFG, eps, Optional.of(prev), s);
        shares.add(route(prev, AP).share());
      }
      // AP: 2 × 100 f of 400 + 200 f.
      assertThat(shares.get(0)).isCloseTo(150 / 550.0, within(1e-6));
      assertThat(shares.get(1)).isCloseTo(100 / 500.0, within(1e-6));
      assertThat(shares.get(2)).isCloseTo(50 / 450.0, within(1e-6));
      assertThat(shares.get(3)).isZero();
      assertThat(route(prev, AP).values()).isEmpty();
      assertThat(route(prev, AP).weight()).isZero();
      assertThat(route(prev, EU).share()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aDrainFasterThanTheOthersCanRamp_isHeldByTheirStepCaps() {
      ServiceConfig fast = config().drainDuration(Duration.ofSeconds(10)).build();
      List<Endpoint> eps = six(A1_DRAINING, A2.withDrainStartedAt(Optional.of(NOW)));
      RoutingPlan before = at(fast, six(A1, A2), Optional.empty(), 0);
      // 5 s later AP's target is 100/500 = 20 %, but EU and US may grow by only
      // 25 % × 5 s / 30 s each, so AP keeps what they cannot take yet.
      RoutingPlan p = at(fast, eps, Optional.of(before), 5);
      double allowed = 0.25 * 5 / 30;
      assertThat(route(p, EU).share()).isCloseTo(1 / 3.0 + allowed, within(1e-6));
      assertThat(route(p, AP).share()).isCloseTo(1 - 2 * (1 / 3.0 + allowed), within(1e-6));
      assertThat(route(p, AP).share()).isGreaterThan(0.2);
      assertThat(route(p, AP).explanation()).contains("target 20%").contains("share 25");
      // At the end of the ramp AP lost its endpoints: fast down, the others take it at once.
      RoutingPlan end = at(fast, eps, Optional.of(p), 10);
      assertThat(route(end, AP).share()).isZero();
      assertThat(end.explanation())
          .anyMatch(l -> l.contains("ap-southeast-2 lost all traffic (drain complete: a1, a2)"));
    }

    @Test
    void cancellingADrain_rampsTheRegionBackUpUnderTheStepCap() {
      List<Endpoint> eps = six(A1_DRAINING, A2);
      RoutingPlan mid = at(CFG, eps, Optional.empty(), 60);
      assertThat(route(mid, AP).share()).isCloseTo(apTarget(0.5), within(1e-6));
      // Cancelled (PATCH state ACTIVE) 5 s later: back to a third, at most +25% × 5/30 a step.
      RoutingPlan cancelled = at(CFG, six(A1, A2), Optional.of(mid), 65);
      double allowed = 0.25 * 5 / 30;
      assertThat(route(cancelled, AP).share())
          .isCloseTo(apTarget(0.5) + allowed, within(1e-6))
          .isLessThan(1 / 3.0);
      assertThat(route(cancelled, AP).explanation()).contains("ramping up");
      assertThat(route(cancelled, AP).explanation()).doesNotContain("draining");
      RoutingPlan later = at(CFG, six(A1, A2), Optional.of(cancelled), 95);
      assertThat(route(later, AP).share()).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void drainingCapacityScalesWithTheWeight_soPanicIsNotTriggeredByADrain() {
      ServiceConfig strict = config().panicThreshold(0.9).build();
      List<Endpoint> eps = six(A1_DRAINING, A2);
      RoutingPlan p = at(strict, eps, Optional.empty(), 60);
      assertThat(p.mode()).isEqualTo(PlanMode.NORMAL);
      assertThat(p.explanation().get(0)).contains("healthy capacity 550 of 550");
    }
  }

  @Nested
  class OtherPolicies {
    @Test
    void cname_drainingValueGivesWayToAnotherEndpointOfTheRegion() {
      ServiceConfig cname = config().recordType(RecordType.CNAME).build();
      Endpoint h1 = endpoint("h1", AP, "a.example.net");
      Endpoint h2 = endpoint("h2", AP, "b.example.net");
      Endpoint h3 = endpoint("h3", EU, "c.example.net");
      RoutingPlan before = at(cname, List.of(h1, h2, h3), Optional.empty(), 0);
      assertThat(route(before, AP).values()).containsExactly("a.example.net");
      List<Endpoint> eps = List.of(h1.withDrainStartedAt(Optional.of(NOW)), h2, h3);
      RoutingPlan p = at(cname, eps, Optional.of(before), 30);
      assertThat(route(p, AP).values()).containsExactly("b.example.net");
    }

    @Test
    void failover_drainingPrimaryStaysUntilTheRampEnds_thenFailsOver() {
      ServiceConfig fo =
          config().policy(RoutingPolicy.FAILOVER).failoverPriority(List.of(AP, EU)).build();
      List<Endpoint> eps = List.of(A1.withDrainStartedAt(Optional.of(NOW)), E1);
      assertThat(route(at(fo, eps, Optional.empty(), 60), AP).values())
          .containsExactly("203.0.113.1");
      RoutingPlan end = at(fo, eps, Optional.empty(), 120);
      assertThat(route(end, AP).values()).isEmpty();
      assertThat(route(end, EU).role()).isEqualTo(FailoverRole.PRIMARY);
    }
  }

  @Test
  void readyToMarkDrained_whenAnotherEndpointSharesTheAddress() {
    Endpoint twin =
        Endpoint.builder(A1.service(), EndpointId.of("a1b"), AP, "203.0.113.1").port(8080).build();
    List<Endpoint> eps = List.of(U1, A1_DRAINING, twin);
    RoutingPlan end = at(CFG, eps, Optional.empty(), 120);
    assertThat(route(end, AP).values()).containsExactly("203.0.113.1");
    assertThat(DrainRamp.readyToMarkDrained(CFG, eps, end, NOW.plusSeconds(120)))
        .containsExactly(A1_DRAINING);
    assertThat(DrainRamp.readyToMarkDrained(CFG, eps, end, NOW.plusSeconds(60))).isEmpty();
  }
}
