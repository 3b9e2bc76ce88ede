package dev.meridian.core.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.HealthAggregation;
import dev.meridian.core.health.Verdict;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.plan.RandomWorld;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Drills never leave the service with less healthy capacity than their guard allows. */
class DrillGuardPropertiesTest {

  static Drill request(RandomWorld w, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    var regions = w.endpoints().stream().map(e -> e.region()).distinct().sorted().toList();
    DrillMode mode = r.nextBoolean() ? DrillMode.evacuate() : DrillMode.shift(r.nextInt(1, 101));
    return new Drill(
        new DrillId("req"),
        w.cfg().name(),
        regions.get(r.nextInt(regions.size())),
        mode,
        w.now(),
        w.now().plusSeconds(600),
        "",
        "bob",
        DrillState.PENDING,
        Optional.empty(),
        w.now(),
        w.now());
  }

  static boolean otherRegionUnhealthy(Drill d, RandomWorld w, Map<EndpointId, EndpointHealth> h) {
    return HealthAggregation.regions(w.endpoints(), h).stream()
        .anyMatch(r -> !r.region().equals(d.region()) && r.verdict() == Verdict.UNHEALTHY);
  }

  @Property(tries = 500)
  void admittedAndStillActiveDrillsAlwaysPassTheirGuard(
      @ForAll long seed, @ForAll long laterSeed, @ForAll RoutingPolicy policy) {
    RandomWorld w = RandomWorld.random(seed, policy, RandomWorld.Options.ALL);
    Map<EndpointId, EndpointHealth> h =
        HealthAggregation.evaluateAll(w.cfg(), w.endpoints(), w.health(), w.now());
    Drill admitted =
        DrillRules.admit(request(w, seed), w.cfg(), w.endpoints(), h, List.of(), w.now());
    if (admitted.state() == DrillState.REFUSED) {
      return;
    }
    assertThat(DrillRules.guard(admitted, w.cfg(), w.endpoints(), h).ok()).isTrue();
    assertThat(otherRegionUnhealthy(admitted, w, h)).isFalse();

    // A minute later, on other health: if the drill is still ACTIVE, its guard still holds.
    SplittableRandom r = new SplittableRandom(laterSeed);
    var laterHealth =
        w.endpoints().stream()
            .flatMap(e -> RandomWorld.records(r, e, w.now().plusSeconds(60), w.cfg()).stream())
            .toList();
    Map<EndpointId, EndpointHealth> h2 =
        HealthAggregation.evaluateAll(w.cfg(), w.endpoints(), laterHealth, w.now().plusSeconds(60));
    Optional<Drill> next =
        DrillRules.advance(admitted, w.cfg(), w.endpoints(), h2, w.now().plusSeconds(60));
    if (next.orElse(admitted).state() == DrillState.ACTIVE) {
      assertThat(DrillRules.guard(admitted, w.cfg(), w.endpoints(), h2).ok()).isTrue();
      assertThat(otherRegionUnhealthy(admitted, w, h2)).isFalse();
    }
  }
}
