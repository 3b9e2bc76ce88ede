package dev.meridian.core.plan;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.EU;
import static dev.meridian.core.Fixtures.SVC;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static dev.meridian.core.Fixtures.VANTAGES;
import static dev.meridian.core.Fixtures.all;
import static dev.meridian.core.Fixtures.allUp;
import static dev.meridian.core.Fixtures.config;
import static dev.meridian.core.Fixtures.drill;
import static dev.meridian.core.Fixtures.endpoint;
import static dev.meridian.core.Fixtures.plan;
import static dev.meridian.core.Fixtures.vantage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  static final Instant NOW = T0.plusSeconds(3600);
  static final Endpoint U1 = endpoint("u1", US, "192.0.2.1");
  static final Endpoint U2 = endpoint("u2", US, "192.0.2.2");
  static final Endpoint E1 = endpoint("e1", EU, "198.51.100.1");
  static final Endpoint E2 = endpoint("e2", EU, "198.51.100.2");
  static final Endpoint A1 = endpoint("a1", AP, "203.0.113.1");
  static final Endpoint A2 = endpoint("a2", AP, "203.0.113.2");
  static final List<Endpoint> SIX = List.of(U1, U2, E1, E2, A1, A2);
  static final ServiceConfig CFG = config().build();

  /** Every endpoint UP everywhere for an hour, except the overrides (state for every vantage). */
  static List<VantageHealth> health(Instant now, Map<Endpoint, HealthState> overrides) {
    List<VantageHealth> out = new ArrayList<>();
    for (Endpoint e : SIX) {
      out.addAll(all(e, overrides.getOrDefault(e, HealthState.UP), now));
    }
    return out;
  }

  /** Every vantage UP, having come up at {@code upSince}. */
  static List<VantageHealth> upSince(Endpoint e, Instant now, Instant upSince) {
    return all(e, HealthState.UP, now, upSince);
  }

  static List<VantageHealth> replace(
      List<VantageHealth> base, Endpoint e, List<VantageHealth> records) {
    List<VantageHealth> out = new ArrayList<>();
    for (VantageHealth v : base) {
      if (!v.endpoint().equals(e.id())) {
        out.add(v);
      }
    }
    out.addAll(records);
    return out;
  }

  static RegionRoute route(RoutingPlan p, Region r) {
    return p.region(r).orElseThrow();
  }

  static double share(RoutingPlan p, Region r) {
    return route(p, r).share();
  }

  static RoutingPlan weighted(List<VantageHealth> health, Optional<RoutingPlan> prev, Instant now) {
    return plan(CFG, SIX, health, List.of(), prev, now);
  }

  @Nested
  class Weighted {
    @Test
    void allHealthy_equalBaseWeights_everyRegionAt255() {
      RoutingPlan p = plan(CFG, SIX, allUp(SIX, NOW), NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.NORMAL);
      assertThat(p.regions()).extracting(RegionRoute::region).containsExactly(AP, EU, US);
      assertThat(p.regions()).extracting(RegionRoute::weight).containsExactly(255, 255, 255);
      assertThat(route(p, US).values()).containsExactly("192.0.2.1", "192.0.2.2");
      assertThat(share(p, EU)).isCloseTo(1 / 3.0, within(1e-9));
      assertThat(p.capacityWarning()).isEmpty();
      assertThat(p.explanation().get(0)).startsWith("WEIGHTED plan for api.example.com: 3 regions");
      assertThat(p.computedAt()).isEqualTo(NOW);
    }

    @Test
    void weightIsProportionalToBaseWeight() {
      List<Endpoint> eps = List.of(U1, U2, E1, E2, A1.withWeight(50), A2.withWeight(50));
      RoutingPlan p = plan(CFG, eps, allUp(eps, NOW), NOW);
      assertThat(p.regions()).extracting(RegionRoute::weight).containsExactly(127, 255, 255);
      assertThat(share(p, AP)).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void unhealthyRegion_getsNoTraffic_andPublishesNoValues() {
      RoutingPlan p =
          plan(CFG, SIX, health(NOW, Map.of(A1, HealthState.DOWN, A2, HealthState.DOWN)), NOW);
      assertThat(route(p, AP).weight()).isZero();
      assertThat(route(p, AP).values()).isEmpty();
      assertThat(route(p, AP).explanation()).contains("2 UNHEALTHY: a1 [UNHEALTHY: 0 UP, 3 DOWN");
      assertThat(share(p, EU)).isCloseTo(0.5, within(1e-9));
      assertThat(share(p, US)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void partialFailure_movesTrafficToTheRegionsWithMostHeadroom() {
      // AP: 2 × capacity 50, EU: 100, US: 300; base weights 50+50, 100, 100; load = 50% of 500.
      Endpoint a1 = endpoint("a1", AP, "203.0.113.1", 50, 50);
      Endpoint a2 = endpoint("a2", AP, "203.0.113.2", 50, 50);
      Endpoint e1 = endpoint("e1", EU, "198.51.100.1", 100, 100);
      Endpoint u1 = endpoint("u1", US, "192.0.2.1", 100, 300);
      List<Endpoint> eps = List.of(a1, a2, e1, u1);
      List<VantageHealth> h = new ArrayList<>(allUp(List.of(a1, e1, u1), NOW));
      h.addAll(all(a2, HealthState.DOWN, NOW));
      RoutingPlan p = plan(CFG, eps, h, NOW);
      // AP keeps 125/3 × 1/2; the other 125/3 goes out by headroom (AP 25/3, EU 50/3, US 650/3).
      assertThat(share(p, AP)).isCloseTo(5 / 29.0, within(1e-8));
      assertThat(share(p, EU)).isCloseTo(10 / 29.0, within(1e-8));
      assertThat(share(p, US)).isCloseTo(14 / 29.0, within(1e-8));
      assertThat(route(p, AP).values()).containsExactly("203.0.113.1");
    }

    @Test
    void reportsWhenTheRemainingCapacityCannotCarryTheLoad() {
      ServiceConfig cfg = config().expectedLoad(500).build();
      RoutingPlan p =
          plan(
              cfg,
              SIX,
              health(NOW, Map.of(U1, HealthState.DOWN, U2, HealthState.DOWN, E1, HealthState.DOWN)),
              NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.NORMAL);
      assertThat(p.capacityWarning())
          .hasValueSatisfying(w -> assertThat(w).contains("cannot carry the expected load 500"));
      assertThat(p.explanation()).anyMatch(l -> l.startsWith("capacity warning: "));
    }

    @Test
    void unknownEndpointPublishedBefore_keepsItsTraffic_failStatic() {
      RoutingPlan before = weighted(allUp(SIX, NOW), Optional.empty(), NOW);
      // a1: two vantages stale, one UP -> no quorum -> UNKNOWN
      List<VantageHealth> a1 =
          List.of(
              vantage(A1, VANTAGES.get(0), HealthState.DOWN, NOW.minusSeconds(600), T0),
              vantage(A1, VANTAGES.get(1), HealthState.DOWN, NOW.minusSeconds(600), T0),
              vantage(A1, VANTAGES.get(2), HealthState.UP, NOW.plusSeconds(60), T0));
      RoutingPlan after =
          weighted(
              replace(allUp(SIX, NOW.plusSeconds(60)), A1, a1),
              Optional.of(before),
              NOW.plusSeconds(60));
      assertThat(route(after, AP).values()).containsExactly("203.0.113.1", "203.0.113.2");
      assertThat(after.sameRouting(before)).isTrue();
      assertThat(route(after, AP).explanation()).contains("1 kept while UNKNOWN (fail static)");
    }

    @Test
    void unknownEndpointNeverPublished_getsNoTraffic() {
      RoutingPlan p = plan(CFG, SIX, replace(allUp(SIX, NOW), A1, List.of()), NOW);
      assertThat(route(p, AP).values()).containsExactly("203.0.113.2");
      assertThat(route(p, AP).explanation()).contains("1 UNKNOWN and not published before: a1");
    }

    @Test
    void endpointsThatCannotBePublishedAreLeftOut() {
      Endpoint v6 = endpoint("v6", AP, "2001:db8::1");
      Endpoint draining = endpoint("d1", AP, "203.0.113.9").withState(EndpointState.DRAINING);
      List<Endpoint> eps = new ArrayList<>(SIX);
      eps.add(v6);
      eps.add(draining);
      RoutingPlan p = plan(CFG, eps, allUp(eps, NOW), NOW);
      assertThat(route(p, AP).values()).containsExactly("203.0.113.1", "203.0.113.2");
      assertThat(route(p, AP).explanation())
          .contains("1 with an address that cannot be in A records")
          .contains("1 not ACTIVE");
    }
  }

  @Nested
  class FailStaticAndPanic {
    @Test
    void allVantagesStale_keepsThePreviousPlan() {
      RoutingPlan before = weighted(allUp(SIX, NOW), Optional.empty(), NOW);
      Instant later = NOW.plusSeconds(600); // every record is now 600 s old
      RoutingPlan p =
          weighted(health(NOW, Map.of(A1, HealthState.DOWN)), Optional.of(before), later);
      assertThat(p.mode()).isEqualTo(PlanMode.STATIC);
      assertThat(p.regions()).isEqualTo(before.regions());
      assertThat(p.explanation().get(0))
          .startsWith(
              "monitoring blind: all 18 vantage records are older than the staleness window")
          .endsWith("keeping the previous plan (fail static)");
    }

    @Test
    void allVantagesStale_noPreviousPlan_everyRegionByBaseWeight() {
      RoutingPlan p = weighted(List.of(), Optional.empty(), NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.PANIC);
      assertThat(p.regions()).extracting(RegionRoute::weight).containsExactly(255, 255, 255);
      assertThat(p.explanation()).anyMatch(l -> l.contains("no vantage has reported"));
    }

    @Test
    void belowThePanicThreshold_failOpen_routesToEveryRegionByBaseWeight() {
      Map<Endpoint, HealthState> down =
          Map.of(
              U1,
              HealthState.DOWN,
              U2,
              HealthState.DOWN,
              E1,
              HealthState.DOWN,
              E2,
              HealthState.DOWN,
              A1,
              HealthState.DOWN);
      RoutingPlan p = weighted(health(NOW, down), Optional.empty(), NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.PANIC);
      assertThat(p.regions()).extracting(RegionRoute::weight).containsExactly(255, 255, 255);
      assertThat(route(p, US).values()).containsExactly("192.0.2.1", "192.0.2.2");
      assertThat(p.explanation())
          .anyMatch(
              l ->
                  l.startsWith(
                          "PANIC: healthy capacity 100 of 600 (16.7%) is below the panic threshold 25%")
                      && l.endsWith("fail mode OPEN routes to all regions by base weight"));
    }

    @Test
    void belowThePanicThreshold_failStatic_keepsThePreviousPlan() {
      ServiceConfig cfg = config().failMode(FailMode.STATIC).build();
      RoutingPlan before = plan(cfg, SIX, allUp(SIX, NOW), NOW);
      Map<Endpoint, HealthState> down =
          Map.of(
              U1,
              HealthState.DOWN,
              U2,
              HealthState.DOWN,
              E1,
              HealthState.DOWN,
              E2,
              HealthState.DOWN,
              A1,
              HealthState.DOWN);
      RoutingPlan p = plan(cfg, SIX, health(NOW, down), List.of(), Optional.of(before), NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.STATIC);
      assertThat(p.regions()).isEqualTo(before.regions());
      assertThat(p.explanation().get(0)).contains("fail mode STATIC keeps the previous plan");
    }

    @Test
    void nothingHealthy_isPanic_evenWithAZeroThreshold() {
      ServiceConfig cfg = config().panicThreshold(0).build();
      List<VantageHealth> down = new ArrayList<>();
      SIX.forEach(e -> down.addAll(all(e, HealthState.DOWN, NOW)));
      RoutingPlan p = plan(cfg, SIX, down, NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.PANIC);
      assertThat(p.regions()).allMatch(r -> r.weight() > 0);
    }

    @Test
    void noActiveEndpoint_isAnEmptyNormalPlan() {
      List<Endpoint> off = SIX.stream().map(e -> e.withState(EndpointState.DISABLED)).toList();
      RoutingPlan p = plan(CFG, off, allUp(off, NOW), NOW);
      assertThat(p.mode()).isEqualTo(PlanMode.NORMAL);
      assertThat(p.regions()).allMatch(r -> r.weight() == 0 && r.values().isEmpty());
    }
  }

  @Nested
  class SlowUpFastDown {
    final List<VantageHealth> apDown =
        health(NOW, Map.of(A1, HealthState.DOWN, A2, HealthState.DOWN));
    final RoutingPlan withoutAp = weighted(apDown, Optional.empty(), NOW);

    /** AP back UP (for an hour, so no hold-down) at NOW + s. */
    RoutingPlan recovered(RoutingPlan prev, long s) {
      return weighted(allUp(SIX, NOW.plusSeconds(s)), Optional.of(prev), NOW.plusSeconds(s));
    }

    static Stream<Arguments> allowances() {
      // maxStepIncrease 25 %, rampDuration 2 min: 25 % accrues over 30 s
      return Stream.of(
          Arguments.of("no time elapsed: nothing is added", 0L, 0.0),
          Arguments.of("7.5 s: a quarter of a step", 7L, 0.25 * 7 / 30),
          Arguments.of("15 s: half a step", 15L, 0.125),
          Arguments.of("30 s: one full step", 30L, 0.25),
          Arguments.of("10 min: never more than one step", 600L, 0.25));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowances")
    void recoveringRegionGrowsByTheTimeBasedAllowance(String name, long elapsed, double expected) {
      RoutingPlan p = recovered(withoutAp, elapsed);
      assertThat(share(p, AP)).isCloseTo(expected, within(1e-9));
      assertThat(share(p, EU)).isCloseTo((1 - expected) / 2, within(1e-9));
    }

    @Test
    void recoveringRegionReachesItsTargetStepByStep() {
      RoutingPlan p1 = recovered(withoutAp, 60);
      assertThat(share(p1, AP)).isCloseTo(0.25, within(1e-9));
      assertThat(route(p1, AP).explanation()).contains("ramping up: 0% → 25% of target 33.3%");
      RoutingPlan p2 = recovered(p1, 120);
      assertThat(share(p2, AP)).isCloseTo(1 / 3.0, within(1e-9));
      assertThat(p2.regions()).extracting(RegionRoute::weight).containsExactly(255, 255, 255);
    }

    @Test
    void failureRemovesTrafficAtOnce_liftingTheCapOfTheOthers() {
      RoutingPlan before = weighted(allUp(SIX, NOW), Optional.empty(), NOW);
      Instant now = NOW.plusSeconds(1); // allowance 1/30 of a step: far too small
      RoutingPlan p =
          weighted(
              health(now, Map.of(U1, HealthState.DOWN, U2, HealthState.DOWN)),
              Optional.of(before),
              now);
      assertThat(share(p, US)).isZero();
      assertThat(share(p, AP)).isCloseTo(0.5, within(1e-9));
      assertThat(p.explanation())
          .anyMatch(l -> l.startsWith("step cap lifted: us-east-1 lost all traffic"));
    }

    @Test
    void holdDown_rampsARecoveredEndpointsCapacity() {
      // AP came back 15 s ago; hold-down 30 s -> AP counts half its capacity.
      Instant now = NOW.plusSeconds(60);
      List<VantageHealth> h = allUp(List.of(U1, U2, E1, E2), now);
      h.addAll(upSince(A1, now, now.minusSeconds(15)));
      h.addAll(upSince(A2, now, now.minusSeconds(15)));
      RoutingPlan p = weighted(h, Optional.of(withoutAp), now);
      // L = 300: AP keeps 50 of its nominal 100, and gets 10 of the 50 removed (headroom
      // 50:100:100)
      assertThat(share(p, AP)).isCloseTo(0.2, within(1e-9));
      assertThat(route(p, AP).explanation())
          .contains("2 in hold-down: a1 healthy for 15s of 30s (50%)");
      // without a previous plan (cold start) there is nothing to hold down
      assertThat(share(weighted(h, Optional.empty(), now), AP)).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void holdDown_startsAtTenPercent() {
      Instant now = NOW.plusSeconds(60);
      List<VantageHealth> h = allUp(List.of(U1, U2, E1, E2), now);
      h.addAll(upSince(A1, now, now));
      h.addAll(upSince(A2, now, now));
      RoutingPlan p = weighted(h, Optional.of(withoutAp), now);
      assertThat(route(p, AP).explanation()).contains("(10%)");
      assertThat(route(p, AP).weight()).isPositive();
    }
  }

  @Nested
  class Drills {
    @Test
    void evacuate_takesTheRegionToWeightZero_keepingItsRecords() {
      var d =
          drill(
              "d1",
              AP,
              DrillMode.evacuate(),
              NOW.minusSeconds(60),
              NOW.plusSeconds(600),
              DrillState.ACTIVE);
      RoutingPlan p = plan(CFG, SIX, allUp(SIX, NOW), List.of(d), Optional.empty(), NOW);
      assertThat(route(p, AP).weight()).isZero();
      assertThat(route(p, AP).values()).hasSize(2);
      assertThat(share(p, EU)).isCloseTo(0.5, within(1e-9));
      assertThat(route(p, AP).explanation()).contains("drill d1 EVACUATE ap-southeast-2");
    }

    @Test
    void shift_movesThatFractionAway() {
      var d =
          drill(
              "d1",
              AP,
              DrillMode.shift(50),
              NOW.minusSeconds(60),
              NOW.plusSeconds(600),
              DrillState.ACTIVE);
      RoutingPlan p = plan(CFG, SIX, allUp(SIX, NOW), List.of(d), Optional.empty(), NOW);
      assertThat(share(p, AP)).isCloseTo(1 / 6.0, within(1e-9));
      assertThat(share(p, US)).isCloseTo(5 / 12.0, within(1e-9));
    }

    static Stream<Arguments> inert() {
      return Stream.of(
          Arguments.of("PENDING", DrillState.PENDING, -60, 600),
          Arguments.of("COMPLETED", DrillState.COMPLETED, -600, -60),
          Arguments.of("ACTIVE but expired", DrillState.ACTIVE, -600, 0),
          Arguments.of("ACTIVE but not started", DrillState.ACTIVE, 60, 600),
          Arguments.of("ABORTED", DrillState.ABORTED, -60, 600));
    }

    @ParameterizedTest(name = "{0} drill changes nothing")
    @MethodSource("inert")
    void onlyActiveDrillsInsideTheirWindowApply(
        String name, DrillState state, long start, long end) {
      var d =
          drill(
              "d1", AP, DrillMode.evacuate(), NOW.plusSeconds(start), NOW.plusSeconds(end), state);
      RoutingPlan p = plan(CFG, SIX, allUp(SIX, NOW), List.of(d), Optional.empty(), NOW);
      assertThat(p.sameRouting(plan(CFG, SIX, allUp(SIX, NOW), NOW))).isTrue();
    }

    @Test
    void drillThatWouldLeaveNoTraffic_isNotHonoured() {
      List<Endpoint> onlyAp = List.of(A1, A2);
      var d =
          drill(
              "d1",
              AP,
              DrillMode.evacuate(),
              NOW.minusSeconds(60),
              NOW.plusSeconds(600),
              DrillState.ACTIVE);
      RoutingPlan p = plan(CFG, onlyAp, allUp(onlyAp, NOW), List.of(d), Optional.empty(), NOW);
      assertThat(route(p, AP).weight()).isEqualTo(255);
      assertThat(p.explanation()).anyMatch(l -> l.startsWith("drills not honoured"));
      assertThat(route(p, AP).explanation()).contains("not honoured: drill d1");
    }

    @Test
    void shiftUnderFailover_isIgnored() {
      ServiceConfig cfg =
          config().policy(RoutingPolicy.FAILOVER).failoverPriority(List.of(US, EU, AP)).build();
      var d =
          drill(
              "d1",
              US,
              DrillMode.shift(30),
              NOW.minusSeconds(60),
              NOW.plusSeconds(600),
              DrillState.ACTIVE);
      RoutingPlan p = plan(cfg, SIX, allUp(SIX, NOW), List.of(d), Optional.empty(), NOW);
      assertThat(route(p, US).role()).isEqualTo(FailoverRole.PRIMARY);
      assertThat(p.explanation()).anyMatch(l -> l.contains("SHIFT needs the WEIGHTED policy"));
    }
  }

  @Nested
  class OtherPolicies {
    final ServiceConfig failover =
        config().policy(RoutingPolicy.FAILOVER).failoverPriority(List.of(US, EU, AP)).build();

    @Test
    void failover_highestPriorityUsableRegionIsPrimary() {
      RoutingPlan p = plan(failover, SIX, allUp(SIX, NOW), NOW);
      assertThat(p.regions())
          .extracting(RegionRoute::role)
          .containsExactly(FailoverRole.STANDBY, FailoverRole.SECONDARY, FailoverRole.PRIMARY);
      assertThat(share(p, US)).isEqualTo(1);
      assertThat(route(p, US).included()).isTrue();
      assertThat(route(p, AP).included()).isFalse();
    }

    @Test
    void failover_primaryDown_nextRegionTakesOver() {
      RoutingPlan p =
          plan(failover, SIX, health(NOW, Map.of(U1, HealthState.DOWN, U2, HealthState.DOWN)), NOW);
      assertThat(route(p, EU).role()).isEqualTo(FailoverRole.PRIMARY);
      assertThat(route(p, AP).role()).isEqualTo(FailoverRole.SECONDARY);
      assertThat(route(p, US).role()).isEqualTo(FailoverRole.STANDBY);
    }

    @Test
    void failover_recoveredPrimaryWaitsForItsHoldDown() {
      RoutingPlan before =
          plan(failover, SIX, health(NOW, Map.of(U1, HealthState.DOWN, U2, HealthState.DOWN)), NOW);
      Instant now = NOW.plusSeconds(60);
      List<VantageHealth> h = allUp(List.of(E1, E2, A1, A2), now);
      h.addAll(upSince(U1, now, now.minusSeconds(10)));
      h.addAll(upSince(U2, now, now.minusSeconds(10)));
      RoutingPlan during = plan(failover, SIX, h, List.of(), Optional.of(before), now);
      assertThat(route(during, EU).role()).isEqualTo(FailoverRole.PRIMARY);
      Instant settled = now.plusSeconds(30);
      List<VantageHealth> h2 = allUp(List.of(E1, E2, A1, A2), settled);
      h2.addAll(upSince(U1, settled, now.minusSeconds(10)));
      h2.addAll(upSince(U2, settled, now.minusSeconds(10)));
      RoutingPlan after = plan(failover, SIX, h2, List.of(), Optional.of(during), settled);
      assertThat(route(after, US).role()).isEqualTo(FailoverRole.PRIMARY);
    }

    @Test
    void failover_evacuatedPrimary_failsOver() {
      var d =
          drill(
              "d1",
              US,
              DrillMode.evacuate(),
              NOW.minusSeconds(60),
              NOW.plusSeconds(600),
              DrillState.ACTIVE);
      RoutingPlan p = plan(failover, SIX, allUp(SIX, NOW), List.of(d), Optional.empty(), NOW);
      assertThat(route(p, EU).role()).isEqualTo(FailoverRole.PRIMARY);
    }

    @Test
    void latency_excludesUnhealthyRegions_andHoldsRecoveringOnesBack() {
      ServiceConfig cfg = config().policy(RoutingPolicy.LATENCY).build();
      RoutingPlan before =
          plan(cfg, SIX, health(NOW, Map.of(A1, HealthState.DOWN, A2, HealthState.DOWN)), NOW);
      assertThat(before.regions())
          .extracting(RegionRoute::included)
          .containsExactly(false, true, true);
      Instant now = NOW.plusSeconds(60);
      List<VantageHealth> h = allUp(List.of(U1, U2, E1, E2), now);
      h.addAll(upSince(A1, now, now.minusSeconds(10)));
      h.addAll(upSince(A2, now, now.minusSeconds(10)));
      RoutingPlan during = plan(cfg, SIX, h, List.of(), Optional.of(before), now);
      assertThat(route(during, AP).included()).isFalse();
      assertThat(route(during, AP).explanation()).contains("waits for its hold-down");
      RoutingPlan cold = plan(cfg, SIX, h, now);
      assertThat(route(cold, AP).included()).isTrue();
    }

    @Test
    void multivalue_atMostEightAnswers_roundRobinAcrossRegions_stickyToPublished() {
      ServiceConfig cfg = config().policy(RoutingPolicy.MULTIVALUE).build();
      List<Endpoint> eps = new ArrayList<>();
      for (Region r : List.of(AP, EU, US)) {
        for (int i = 1; i <= 4; i++) {
          int octet = r == AP ? 1 : r == EU ? 2 : 3;
          eps.add(endpoint(r.code().substring(0, 2) + i, r, "10." + octet + ".0." + i));
        }
      }
      RoutingPlan p = plan(cfg, eps, allUp(eps, NOW), NOW);
      assertThat(p.regions().stream().mapToInt(r -> r.values().size()).sum()).isEqualTo(8);
      assertThat(p.regions()).extracting(r -> r.values().size()).containsExactly(3, 3, 2);
      // ap1 fails: its place goes to another AP endpoint, the rest stays
      List<VantageHealth> h =
          replace(allUp(eps, NOW), eps.get(0), all(eps.get(0), HealthState.DOWN, NOW));
      RoutingPlan q = plan(cfg, eps, h, List.of(), Optional.of(p), NOW.plusSeconds(10));
      assertThat(route(q, AP).values()).containsExactly("10.1.0.2", "10.1.0.3", "10.1.0.4");
      assertThat(route(q, EU).values()).isEqualTo(route(p, EU).values());
    }

    @Test
    void cname_publishesOneValuePerRegion_andKeepsIt() {
      ServiceConfig cfg = config().recordType(RecordType.CNAME).build();
      Endpoint x =
          Endpoint.builder(SVC, EndpointId.of("x"), US, "x.us.example.net").capacity(100).build();
      Endpoint y =
          Endpoint.builder(SVC, EndpointId.of("y"), US, "y.us.example.net").capacity(200).build();
      List<Endpoint> eps = List.of(x, y);
      RoutingPlan p = plan(cfg, eps, allUp(eps, NOW), NOW);
      assertThat(route(p, US).values()).containsExactly("y.us.example.net");
      Endpoint bigger =
          Endpoint.builder(SVC, EndpointId.of("x"), US, "x.us.example.net").capacity(900).build();
      RoutingPlan q =
          plan(
              cfg,
              List.of(bigger, y),
              allUp(List.of(bigger, y), NOW),
              List.of(),
              Optional.of(p),
              NOW);
      assertThat(route(q, US).values()).containsExactly("y.us.example.net");
    }
  }

  @Test
  void sameInputsSamePlan_andPlanningOnItsOwnOutputChangesNothing() {
    Map<Endpoint, HealthState> mixed = Map.of(A1, HealthState.DOWN, U2, HealthState.UNKNOWN);
    RoutingPlan a = weighted(health(NOW, mixed), Optional.empty(), NOW);
    RoutingPlan b = weighted(health(NOW, mixed), Optional.empty(), NOW);
    assertThat(a).isEqualTo(b);
    RoutingPlan again = weighted(health(NOW, mixed), Optional.of(a), NOW);
    assertThat(again.sameRouting(a)).isTrue();
  }

  @Test
  void ignoresOtherServicesInput() {
    Endpoint foreign =
        Endpoint.builder(
                dev.meridian.core.model.ServiceName.of("other.example.com"),
                EndpointId.of("z"),
                Region.of("sa-east-1"),
                "192.0.2.99")
            .build();
    List<Endpoint> eps = new ArrayList<>(SIX);
    eps.add(foreign);
    RoutingPlan p = plan(CFG, eps, allUp(SIX, NOW), NOW);
    assertThat(p.regions()).hasSize(3);
    assertThat(Duration.between(p.computedAt(), NOW)).isZero();
  }

  @Nested
  class OneUnitDeadband {
    // Ample capacity, so the shares follow the base weights: 255 : 255 : w.
    final Endpoint u = endpoint("u", US, "192.0.2.1", 255, 10_000);
    final Endpoint e = endpoint("e", EU, "198.51.100.1", 255, 10_000);

    RoutingPlan planWith(int apWeight, Optional<RoutingPlan> prev, long seconds) {
      Endpoint a = endpoint("a", AP, "203.0.113.1", apWeight, 10_000);
      List<Endpoint> eps = List.of(u, e, a);
      Instant t = NOW.plusSeconds(seconds);
      return plan(CFG, eps, allUp(eps, t), List.of(), prev, t);
    }

    @Test
    void aChangeOfOneUnitKeepsThePreviousWeight_andSaysSo() {
      RoutingPlan before = planWith(255, Optional.empty(), 0);
      assertThat(before.regions()).allMatch(r -> r.weight() == 255);

      RoutingPlan after = planWith(254, Optional.of(before), 60);

      assertThat(route(after, AP).weight()).isEqualTo(255);
      assertThat(route(after, AP).explanation())
          .contains("weight 254 — kept at 255: a change of one unit in 255");
      assertThat(RecordSets.desired(after)).isEqualTo(RecordSets.desired(before));
    }

    @Test
    void aChangeOfTwoUnitsGoesThrough() {
      RoutingPlan before = planWith(255, Optional.empty(), 0);

      assertThat(route(planWith(253, Optional.of(before), 60), AP).weight()).isEqualTo(253);
    }

    @Test
    void aRampReachesFullWeight_evenByOneUnit() {
      RoutingPlan below = planWith(254, Optional.empty(), 0);
      assertThat(route(below, AP).weight()).isEqualTo(254);

      assertThat(route(planWith(255, Optional.of(below), 60), AP).weight()).isEqualTo(255);
    }

    @Test
    void withoutAPreviousPlanNothingIsHeld() {
      assertThat(route(planWith(254, Optional.empty(), 0), AP).weight()).isEqualTo(254);
    }
  }
}
