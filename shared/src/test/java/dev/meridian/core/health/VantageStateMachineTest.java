package dev.meridian.core.health;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.SVC;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static dev.meridian.core.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class VantageStateMachineTest {
  static final EndpointId E1 = EndpointId.of("e1");

  /** A fake clock for probe results: each call to next() is one probe interval later. */
  static final class ProbeClock {
    private Instant now;
    private final Duration step;

    ProbeClock(Instant start, Duration step) {
      this.now = start;
      this.step = step;
    }

    Instant next() {
      now = now.plus(step);
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  static ServiceConfig cfg(int rise, int fall, FlapDamping damping) {
    return config()
        .probe(
            new ProbeSettings(ProbeSettings.MIN_INTERVAL, ProbeSettings.MIN_INTERVAL, rise, fall))
        .staleness(Duration.ofSeconds(150))
        .damping(damping)
        .build();
  }

  static ProbeResult ok(Instant at, long latencyMs) {
    return ProbeResult.ok(SVC, E1, US, at, Duration.ofMillis(latencyMs));
  }

  static ProbeResult fail(Instant at) {
    return ProbeResult.failed(SVC, E1, US, at, "status 503", Duration.ofMillis(2000));
  }

  /** Runs a script of S (success) and F (failure), one per second; collects the transitions. */
  static Run run(VantageHealth start, String script, ServiceConfig cfg, ProbeClock clock) {
    VantageHealth h = start;
    List<String> transitions = new ArrayList<>();
    List<HealthTransition> events = new ArrayList<>();
    int i = 0;
    for (char c : script.replace(" ", "").toCharArray()) {
      i++;
      Instant at = clock.next();
      var step = VantageStateMachine.apply(h, c == 'S' ? ok(at, 20) : fail(at), cfg);
      h = step.next();
      final int n = i;
      step.transition()
          .ifPresent(
              t -> {
                transitions.add(t.from() + ">" + t.to() + "@" + n);
                events.add(t);
              });
    }
    return new Run(h, transitions, events);
  }

  record Run(VantageHealth last, List<String> transitions, List<HealthTransition> events) {}

  static VantageHealth fresh() {
    return VantageHealth.initial(SVC, E1, US, T0);
  }

  static Stream<Arguments> riseAndFall() {
    return Stream.of(
        arguments("new endpoint stays UNKNOWN below rise", 2, 3, "S", HealthState.UNKNOWN, ""),
        arguments("UNKNOWN -> UP after rise successes", 2, 3, "SS", HealthState.UP, "UNKNOWN>UP@2"),
        arguments("UNKNOWN stays below fall", 2, 3, "FF", HealthState.UNKNOWN, ""),
        arguments(
            "UNKNOWN -> DOWN after fall failures", 2, 3, "FFF", HealthState.DOWN, "UNKNOWN>DOWN@3"),
        arguments(
            "UP survives fewer than fall failures",
            2,
            3,
            "SS FF S FF",
            HealthState.UP,
            "UNKNOWN>UP@2"),
        arguments(
            "UP -> DOWN after fall consecutive failures",
            2,
            3,
            "SS FFF",
            HealthState.DOWN,
            "UNKNOWN>UP@2,UP>DOWN@5"),
        arguments(
            "DOWN -> UP after rise consecutive successes",
            2,
            3,
            "FFF SS",
            HealthState.UP,
            "UNKNOWN>DOWN@3,DOWN>UP@5"),
        arguments("alternating results never decide", 2, 3, "SFSFSFSF", HealthState.UNKNOWN, ""),
        arguments(
            "a success resets the failure count",
            2,
            3,
            "SS FF S FF S",
            HealthState.UP,
            "UNKNOWN>UP@2"),
        arguments(
            "rise 1 / fall 1 follows every result",
            1,
            1,
            "S F S",
            HealthState.UP,
            "UNKNOWN>UP@1,UP>DOWN@2,DOWN>UP@3"),
        arguments("rise 10 needs ten successes", 10, 3, "SSSSSSSSS", HealthState.UNKNOWN, ""),
        arguments("rise 10 reached", 10, 3, "SSSSSSSSSS", HealthState.UP, "UNKNOWN>UP@10"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("riseAndFall")
  void followsRiseAndFall(
      String name, int rise, int fall, String script, HealthState expected, String transitions) {
    Run r =
        run(
            fresh(),
            script,
            cfg(rise, fall, FlapDamping.DISABLED),
            new ProbeClock(T0, Duration.ofSeconds(10)));
    assertThat(r.last().state()).isEqualTo(expected);
    assertThat(String.join(",", r.transitions())).isEqualTo(transitions);
  }

  @Test
  void newEndpointIsUnknown() {
    assertThat(fresh().state()).isEqualTo(HealthState.UNKNOWN);
  }

  @Test
  void marksEndpointDown_afterFallConsecutiveFailures_withEvidence() {
    Run r =
        run(
            fresh(),
            "SS FFF",
            cfg(2, 3, FlapDamping.DISABLED),
            new ProbeClock(T0, Duration.ofSeconds(10)));
    HealthTransition t = r.events().get(1);
    assertThat(t.evidence()).isEqualTo("3 consecutive failures: status 503");
    assertThat(t.at()).isEqualTo(T0.plusSeconds(50));
    assertThat(t.vantage()).isEqualTo(US);
    assertThat(r.last().lastTransitionAt()).contains(T0.plusSeconds(50));
    assertThat(r.last().upSince()).isEmpty();
    assertThat(r.last().lastFailure()).contains("status 503");
  }

  @Test
  void recordsUpSince_forHoldDown() {
    Run r =
        run(
            fresh(),
            "FFF SS",
            cfg(2, 3, FlapDamping.DISABLED),
            new ProbeClock(T0, Duration.ofSeconds(10)));
    assertThat(r.last().upSince()).contains(T0.plusSeconds(50));
    assertThat(r.events().get(1).evidence()).startsWith("2 consecutive successes");
  }

  static Stream<Arguments> pairs() {
    List<Arguments> out = new ArrayList<>();
    for (HealthState from : HealthState.values()) {
      for (HealthState to : HealthState.values()) {
        boolean legal =
            (from == HealthState.UNKNOWN && to != HealthState.UNKNOWN)
                || (from == HealthState.UP && to == HealthState.DOWN)
                || (from == HealthState.DOWN && to == HealthState.UP);
        out.add(arguments(from, to, legal));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} legal={2}")
  @MethodSource("pairs")
  void transitionTableIsExplicit(HealthState from, HealthState to, boolean legal) {
    assertThat(VantageStateMachine.isLegal(from, to)).isEqualTo(legal);
    if (legal) {
      VantageStateMachine.checkTransition(from, to);
    } else {
      assertThatThrownBy(() -> VantageStateMachine.checkTransition(from, to))
          .isInstanceOf(IllegalStateTransitionException.class)
          .hasMessageContaining(from + " -> " + to);
    }
  }

  @ParameterizedTest
  @EnumSource(HealthState.class)
  void nothingReturnsToUnknown(HealthState from) {
    assertThat(VantageStateMachine.isLegal(from, HealthState.UNKNOWN)).isFalse();
  }

  // ---------------------------------------------------------------- flap damping

  @Test
  void suppressesAFlappingEndpoint_andReleasesItBelowTheReuseThreshold() {
    ServiceConfig cfg = cfg(1, 1, FlapDamping.DEFAULT);
    ProbeClock clock = new ProbeClock(T0, Duration.ofSeconds(1));
    // UNKNOWN>UP is free; then UP>DOWN, DOWN>UP, UP>DOWN cost ~1000 each (minus 1 s of decay)
    Run r = run(fresh(), "S F S F", cfg, clock);
    assertThat(r.transitions())
        .containsExactly("UNKNOWN>UP@1", "UP>DOWN@2", "DOWN>UP@3", "UP>DOWN@4");
    assertThat(r.last().suppressed()).isFalse();
    assertThat(r.last().penalty()).isBetween(2900.0, 3000.0);

    // the next DOWN>UP would push the penalty over 3000: refused, held DOWN, suppressed
    Run held = run(r.last(), "S", cfg, clock);
    assertThat(held.transitions()).isEmpty();
    assertThat(held.last().state()).isEqualTo(HealthState.DOWN);
    assertThat(held.last().suppressed()).isTrue();
    double penalty = held.last().penalty();
    assertThat(penalty).isGreaterThan(FlapDamping.DEFAULT_SUPPRESS);

    // successes while suppressed do not bring it back...
    Instant reuse = Damping.reuseAt(penalty, held.last().penaltyAt(), FlapDamping.DEFAULT);
    assertThat(Duration.between(held.last().penaltyAt(), reuse).toSeconds()).isBetween(160L, 175L);
    ProbeClock late = new ProbeClock(reuse.minusSeconds(2), Duration.ofSeconds(1));
    Run still = run(held.last(), "S", cfg, late);
    assertThat(still.last().state()).isEqualTo(HealthState.DOWN);
    assertThat(still.last().suppressed()).isTrue();

    // ...until the penalty has decayed below the reuse threshold
    Run back = run(still.last(), "SS", cfg, late);
    assertThat(back.transitions()).containsExactly("DOWN>UP@1");
    assertThat(back.events().get(0).evidence()).startsWith("released from flap damping");
    assertThat(back.last().suppressed()).isFalse();
  }

  @Test
  void flapIntoDown_overThreshold_saysSo() {
    ServiceConfig cfg = cfg(1, 1, FlapDamping.DEFAULT);
    ProbeClock clock = new ProbeClock(T0, Duration.ofMillis(1000));
    VantageHealth h = fresh();
    h = withPenalty(run(h, "S", cfg, clock).last(), 2500, clock.next());
    Run r = run(h, "F", cfg, clock);
    assertThat(r.last().suppressed()).isTrue();
    assertThat(r.events().get(0).evidence())
        .startsWith("1 consecutive failures: status 503; flap damping suppresses it (penalty");
  }

  @Test
  void penaltyIsCappedAtMaxPenalty() {
    ServiceConfig cfg = cfg(1, 1, FlapDamping.DEFAULT);
    ProbeClock clock = new ProbeClock(T0, Duration.ofMillis(1));
    Run r = run(fresh(), "SFSFSFSFSFSFSFSFSF", cfg, clock);
    assertThat(r.last().penalty()).isLessThanOrEqualTo(FlapDamping.DEFAULT_MAX_PENALTY);
  }

  @Test
  void dampingDisabled_neverSuppresses_andReleasesASuppressedRecord() {
    ServiceConfig cfg = cfg(1, 1, FlapDamping.DISABLED);
    Run r = run(fresh(), "SFSFSFSFSF", cfg, new ProbeClock(T0, Duration.ofMillis(10)));
    assertThat(r.last().suppressed()).isFalse();
    assertThat(r.transitions()).hasSize(10);

    VantageHealth suppressed = suppressed(fresh());
    Run released = run(suppressed, "S", cfg, new ProbeClock(T0, Duration.ofSeconds(1)));
    assertThat(released.last().suppressed()).isFalse();
    assertThat(released.events().get(0).evidence()).contains("flap damping disabled");
  }

  @Test
  void penaltyDecaysWithTheHalfLife() {
    assertThat(Damping.decayed(1000, T0, Duration.ofMinutes(2), T0.plusSeconds(120)))
        .isCloseTo(500, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Damping.decayed(1000, T0, Duration.ofMinutes(2), T0.plusSeconds(240)))
        .isCloseTo(250, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Damping.decayed(1000, T0, Duration.ofMinutes(2), T0)).isEqualTo(1000);
    assertThat(Damping.decayed(1000, T0, Duration.ofMinutes(2), T0.plusSeconds(7200))).isZero();
  }

  // ---------------------------------------------------------------- latency, ordering, mismatch

  @Test
  void latencyIsAnEwmaOfSuccessfulProbes() {
    ServiceConfig cfg = cfg(2, 3, FlapDamping.DISABLED);
    VantageHealth h = fresh();
    h = VantageStateMachine.apply(h, ok(T0.plusSeconds(1), 100), cfg).next();
    assertThat(h.latencyEwmaMillis()).isEqualTo(100);
    h = VantageStateMachine.apply(h, ok(T0.plusSeconds(2), 200), cfg).next();
    assertThat(h.latencyEwmaMillis()).isCloseTo(130, org.assertj.core.data.Offset.offset(1e-9));
    h = VantageStateMachine.apply(h, fail(T0.plusSeconds(3)), cfg).next();
    assertThat(h.latencyEwmaMillis()).isCloseTo(130, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void ignoresAResultOlderThanTheRecord() {
    ServiceConfig cfg = cfg(1, 1, FlapDamping.DISABLED);
    VantageHealth h = VantageStateMachine.apply(fresh(), ok(T0.plusSeconds(10), 5), cfg).next();
    var step = VantageStateMachine.apply(h, fail(T0.plusSeconds(5)), cfg);
    assertThat(step.next()).isSameAs(h);
    assertThat(step.transition()).isEmpty();
  }

  @Test
  void rejectsAResultForAnotherVantage() {
    ServiceConfig cfg = cfg(1, 1, FlapDamping.DISABLED);
    ProbeResult other = ProbeResult.ok(SVC, E1, AP, T0, Duration.ZERO);
    assertThatThrownBy(() -> VantageStateMachine.apply(fresh(), other, cfg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ap-southeast-2");
  }

  private static VantageHealth withPenalty(VantageHealth h, double penalty, Instant at) {
    return new VantageHealth(
        h.service(),
        h.endpoint(),
        h.vantage(),
        h.state(),
        h.consecutiveOk(),
        h.consecutiveFail(),
        h.lastProbeAt(),
        h.lastTransitionAt(),
        h.upSince(),
        penalty,
        at,
        false,
        h.latencyEwmaMillis(),
        h.lastFailure());
  }

  private static VantageHealth suppressed(VantageHealth h) {
    return new VantageHealth(
        h.service(),
        h.endpoint(),
        h.vantage(),
        HealthState.DOWN,
        0,
        3,
        h.lastProbeAt(),
        Optional.of(h.lastProbeAt()),
        Optional.empty(),
        5000,
        h.lastProbeAt(),
        true,
        0,
        Optional.of("timeout"));
  }
}
