package dev.meridian.core.health;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.EU;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static dev.meridian.core.Fixtures.US2;
import static dev.meridian.core.Fixtures.config;
import static dev.meridian.core.Fixtures.endpoint;
import static dev.meridian.core.Fixtures.vantage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuorumTest {
  static final Endpoint E = endpoint("e1", US, "192.0.2.10");
  static final Instant NOW = T0.plusSeconds(1000);
  static final List<Region> V = List.of(AP, EU, US, US2, Region.of("sa-east-1"));

  /**
   * Votes as "UP,DOWN,~UP,UNKNOWN,DOWN!" — one per vantage: "~" = stale (last report 200 s ago,
   * staleness 150 s), "!" = suppressed by flap damping.
   */
  static List<VantageHealth> votes(String spec) {
    List<VantageHealth> out = new ArrayList<>();
    String[] parts = spec.split(",");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      boolean stale = p.startsWith("~");
      boolean suppressed = p.endsWith("!");
      HealthState s = HealthState.valueOf(p.replace("~", "").replace("!", ""));
      Instant probed = stale ? NOW.minusSeconds(200) : NOW.minusSeconds(5);
      VantageHealth v = vantage(E, V.get(i), s, probed, T0.plusSeconds(100L * (i + 1)));
      if (suppressed) {
        v =
            new VantageHealth(
                v.service(),
                v.endpoint(),
                v.vantage(),
                s,
                0,
                3,
                probed,
                Optional.empty(),
                Optional.empty(),
                4000,
                probed,
                true,
                0,
                Optional.of("timeout"));
      }
      out.add(v);
    }
    return out;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("all UP", "UP,UP,UP", 2, Verdict.HEALTHY, 3, 0, 0),
        arguments("quorum of UP, one DOWN", "UP,UP,DOWN", 2, Verdict.HEALTHY, 2, 1, 0),
        arguments("quorum of DOWN", "DOWN,DOWN,UP", 2, Verdict.UNHEALTHY, 1, 2, 0),
        arguments("no quorum either way", "UP,DOWN,UNKNOWN", 2, Verdict.UNKNOWN, 1, 1, 0),
        arguments(
            "UNKNOWN votes for neither side",
            "UNKNOWN,UNKNOWN,UNKNOWN",
            1,
            Verdict.UNKNOWN,
            0,
            0,
            0),
        arguments(
            "stale DOWN votes are not counted", "~DOWN,~DOWN,UP", 2, Verdict.UNKNOWN, 1, 0, 2),
        arguments(
            "a cut-off vantage cannot fail anything over",
            "~DOWN,UP,UP",
            2,
            Verdict.HEALTHY,
            2,
            0,
            1),
        arguments("all stale", "~UP,~UP,~DOWN", 1, Verdict.UNKNOWN, 0, 0, 3),
        arguments(
            "suppressed vantage counts as DOWN", "UP!,DOWN,UP", 2, Verdict.UNHEALTHY, 1, 2, 0),
        arguments(
            "quorum 1, split: larger side wins", "UP,DOWN,DOWN", 1, Verdict.UNHEALTHY, 1, 2, 0),
        arguments("quorum 1, tie goes to HEALTHY", "UP,DOWN", 1, Verdict.HEALTHY, 1, 1, 0),
        arguments("quorum larger than vantages", "UP,UP", 3, Verdict.UNKNOWN, 2, 0, 0),
        arguments("quorum 3 of 5", "UP,UP,UP,DOWN,DOWN", 3, Verdict.HEALTHY, 3, 2, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void countsFreshVotesAgainstTheQuorum(
      String name, String spec, int quorum, Verdict verdict, int up, int down, int stale) {
    ServiceConfig cfg = config().quorum(quorum).build();
    EndpointHealth h = Quorum.evaluate(E, votes(spec), cfg, NOW);
    assertThat(h.verdict()).isEqualTo(verdict);
    assertThat(h.upVotes()).isEqualTo(up);
    assertThat(h.downVotes()).isEqualTo(down);
    assertThat(h.staleVotes()).isEqualTo(stale);
    assertThat(h.evidence()).startsWith(verdict + ": " + up + " UP, " + down + " DOWN");
    assertThat(h.voters()).hasSize(spec.split(",").length);
  }

  @Test
  void evidenceNamesDownAndStaleVantages() {
    EndpointHealth h = Quorum.evaluate(E, votes("DOWN,~UP,DOWN"), config().build(), NOW);
    assertThat(h.evidence())
        .isEqualTo(
            "UNHEALTHY: 0 UP, 2 DOWN of 2 fresh vantages (quorum 2); DOWN: ap-southeast-2 (status"
                + " 503), us-east-1 (status 503); stale: eu-west-1 (200s old)");
  }

  @Test
  void healthySinceIsWhenTheQuorumthVantageCameUp() {
    // upSince: vantage i came up at T0 + 100 s × (i + 1)
    EndpointHealth h = Quorum.evaluate(E, votes("UP,UP,UP"), config().quorum(2).build(), NOW);
    assertThat(h.healthySince()).contains(T0.plusSeconds(200));
    EndpointHealth one = Quorum.evaluate(E, votes("UP,UP,UP"), config().quorum(1).build(), NOW);
    assertThat(one.healthySince()).contains(T0.plusSeconds(100));
    EndpointHealth down = Quorum.evaluate(E, votes("DOWN,DOWN"), config().build(), NOW);
    assertThat(down.healthySince()).isEmpty();
  }

  @Test
  void noReportsIsUnknown() {
    EndpointHealth h = Quorum.evaluate(E, List.of(), config().build(), NOW);
    assertThat(h.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(h.evidence()).contains("no vantage has reported");
  }

  @Test
  void newestRecordOfADuplicatedVantageCounts() {
    VantageHealth old = vantage(E, US, HealthState.DOWN, NOW.minusSeconds(30), T0);
    VantageHealth recent = vantage(E, US, HealthState.UP, NOW.minusSeconds(3), T0);
    EndpointHealth h = Quorum.evaluate(E, List.of(old, recent), config().quorum(1).build(), NOW);
    assertThat(h.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(h.voters()).hasSize(1);
  }

  @Test
  void rejectsRecordsOfAnotherEndpoint() {
    Endpoint other = endpoint("e2", US, "192.0.2.11");
    VantageHealth v = vantage(other, US, HealthState.UP, NOW, T0);
    assertThatThrownBy(() -> Quorum.evaluate(E, List.of(v), config().build(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> staleness() {
    return Stream.of(
        arguments("no records at all", List.of(), true),
        arguments("every record stale", votes("~UP,~DOWN"), true),
        arguments("one fresh record", votes("~UP,DOWN"), false),
        arguments(
            "exactly at the staleness boundary is fresh",
            List.of(vantage(E, US, HealthState.UP, NOW.minusSeconds(150), T0)),
            false),
        arguments(
            "one second past it is stale",
            List.of(vantage(E, US, HealthState.UP, NOW.minusSeconds(151), T0)),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staleness")
  void allStaleMeansMonitoringIsBlind(String name, List<VantageHealth> records, boolean blind) {
    assertThat(Quorum.allStale(records, config().build(), NOW)).isEqualTo(blind);
  }

  static Stream<Arguments> regions() {
    return Stream.of(
        arguments("all healthy", "H,H", Verdict.HEALTHY, 200, 200),
        arguments("partly healthy", "H,U", Verdict.HEALTHY, 100, 200),
        arguments("every endpoint unhealthy", "U,U", Verdict.UNHEALTHY, 0, 200),
        arguments("unhealthy and unknown", "U,?", Verdict.UNKNOWN, 0, 200),
        arguments("all unknown", "?,?", Verdict.UNKNOWN, 0, 200),
        arguments("disabled endpoints do not count", "H,-", Verdict.HEALTHY, 100, 100),
        arguments("only disabled endpoints", "-,-", Verdict.UNKNOWN, 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regions")
  void regionHealthIsHealthyCapacityOverRegisteredActiveCapacity(
      String name, String spec, Verdict verdict, long healthy, long registered) {
    List<Endpoint> endpoints = new ArrayList<>();
    Map<EndpointId, EndpointHealth> health = new LinkedHashMap<>();
    String[] parts = spec.split(",");
    for (int i = 0; i < parts.length; i++) {
      Endpoint e = endpoint("e" + i, EU, "192.0.2." + (i + 1), 100, 100);
      if (parts[i].equals("-")) {
        e = e.withState(EndpointState.DISABLED);
      }
      endpoints.add(e);
      Verdict v =
          switch (parts[i]) {
            case "H", "-" -> Verdict.HEALTHY;
            case "U" -> Verdict.UNHEALTHY;
            default -> Verdict.UNKNOWN;
          };
      health.put(
          e.id(),
          new EndpointHealth(e.id(), EU, v, 0, 0, 0, List.of(), Optional.empty(), v.name()));
    }
    List<RegionHealth> r = HealthAggregation.regions(endpoints, health);
    assertThat(r).hasSize(1);
    assertThat(r.get(0).verdict()).isEqualTo(verdict);
    assertThat(r.get(0).healthyCapacity()).isEqualTo(healthy);
    assertThat(r.get(0).registeredCapacity()).isEqualTo(registered);
    assertThat(r.get(0).fraction()).isEqualTo(registered == 0 ? 0 : (double) healthy / registered);
  }

  @Test
  void evaluateAllGroupsRecordsByEndpoint() {
    Endpoint a = endpoint("a", US, "192.0.2.1");
    Endpoint b = endpoint("b", EU, "192.0.2.2");
    List<VantageHealth> records = new ArrayList<>();
    records.addAll(dev.meridian.core.Fixtures.all(a, HealthState.UP, NOW));
    records.addAll(dev.meridian.core.Fixtures.all(b, HealthState.DOWN, NOW));
    Map<EndpointId, EndpointHealth> m =
        HealthAggregation.evaluateAll(config().build(), List.of(a, b), records, NOW);
    assertThat(m.get(a.id()).verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(m.get(b.id()).verdict()).isEqualTo(Verdict.UNHEALTHY);
    assertThat(HealthAggregation.regions(List.of(a, b), m))
        .extracting(RegionHealth::region, RegionHealth::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EU, Verdict.UNHEALTHY),
            org.assertj.core.groups.Tuple.tuple(US, Verdict.HEALTHY));
  }

  /** Quorum's verdict equals a plain reference implementation, whatever the record order. */
  @net.jqwik.api.Property(tries = 300)
  void verdictMatchesAReferenceImplementation(@net.jqwik.api.ForAll long seed) {
    var w =
        dev.meridian.core.plan.RandomWorld.random(
            seed,
            dev.meridian.core.model.RoutingPolicy.WEIGHTED,
            dev.meridian.core.plan.RandomWorld.Options.ALL);
    java.util.Random r = new java.util.Random(seed);
    for (Endpoint e : w.endpoints()) {
      List<VantageHealth> mine =
          new ArrayList<>(w.health().stream().filter(v -> v.endpoint().equals(e.id())).toList());
      if (!mine.isEmpty() && r.nextBoolean()) { // an older duplicate of some vantage
        VantageHealth dup = mine.get(r.nextInt(mine.size()));
        mine.add(
            vantage(
                e,
                dup.vantage(),
                HealthState.values()[r.nextInt(3)],
                dup.lastProbeAt().minusSeconds(r.nextInt(1, 300)),
                T0));
      }
      java.util.Collections.shuffle(mine, r);
      Quorum.Tally expected = reference(mine, w.cfg(), w.now());
      EndpointHealth h = Quorum.evaluate(e, mine, w.cfg(), w.now());
      assertThat(
              new Quorum.Tally(
                  h.verdict(), h.upVotes(), h.downVotes(), h.staleVotes(), h.healthySince()))
          .isEqualTo(expected);
      assertThat(Quorum.tally(e, mine, w.cfg(), w.now())).isEqualTo(expected);
    }
  }

  /** The rules as the issue states them, written plainly. */
  static Quorum.Tally reference(List<VantageHealth> records, ServiceConfig cfg, Instant now) {
    Map<Region, VantageHealth> newest = new java.util.HashMap<>();
    for (VantageHealth v : records) {
      newest.merge(v.vantage(), v, (a, b) -> b.lastProbeAt().isAfter(a.lastProbeAt()) ? b : a);
    }
    int up = 0;
    int down = 0;
    int stale = 0;
    List<Instant> upSince = new ArrayList<>();
    for (VantageHealth v : newest.values()) {
      if (java.time.Duration.between(v.lastProbeAt(), now).compareTo(cfg.staleness()) > 0) {
        stale++;
      } else if (v.suppressed() || v.state() == HealthState.DOWN) {
        down++;
      } else if (v.state() == HealthState.UP) {
        up++;
        upSince.add(v.upSince().orElse(v.lastTransitionAt().orElse(Instant.EPOCH)));
      }
    }
    Verdict verdict =
        up >= cfg.quorum() && up >= down
            ? Verdict.HEALTHY
            : down >= cfg.quorum() ? Verdict.UNHEALTHY : Verdict.UNKNOWN;
    upSince.sort(null);
    return new Quorum.Tally(
        verdict,
        up,
        down,
        stale,
        verdict == Verdict.HEALTHY ? Optional.of(upSince.get(cfg.quorum() - 1)) : Optional.empty());
  }
}
