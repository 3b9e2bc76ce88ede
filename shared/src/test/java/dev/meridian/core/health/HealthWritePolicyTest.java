package dev.meridian.core.health;

import static dev.meridian.core.Fixtures.SVC;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthWritePolicyTest {
  static VantageHealth rec(HealthState s, boolean suppressed, double latency, Instant probedAt) {
    return new VantageHealth(
        SVC,
        EndpointId.of("e1"),
        US,
        s,
        1,
        0,
        probedAt,
        Optional.empty(),
        Optional.empty(),
        0,
        probedAt,
        suppressed,
        latency,
        Optional.empty());
  }

  static final VantageHealth LAST = rec(HealthState.UP, false, 100, T0);

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("nothing written yet", null, LAST, 1, true),
        arguments(
            "unchanged within heartbeat",
            LAST,
            rec(HealthState.UP, false, 100, T0.plusSeconds(10)),
            10,
            false),
        arguments(
            "state changed", LAST, rec(HealthState.DOWN, false, 100, T0.plusSeconds(10)), 10, true),
        arguments(
            "suppression changed",
            LAST,
            rec(HealthState.UP, true, 100, T0.plusSeconds(10)),
            10,
            true),
        arguments(
            "latency moved 40% (< 50%)",
            LAST, rec(HealthState.UP, false, 140, T0.plusSeconds(10)), 10, false),
        arguments(
            "latency moved 60% (> 50%)",
            LAST, rec(HealthState.UP, false, 160, T0.plusSeconds(10)), 10, true),
        arguments(
            "latency halved exactly (not beyond)",
            LAST,
            rec(HealthState.UP, false, 50, T0.plusSeconds(10)),
            10,
            false),
        arguments(
            "first latency sample",
            rec(HealthState.UNKNOWN, false, 0, T0),
            rec(HealthState.UNKNOWN, false, 10, T0.plusSeconds(10)),
            10,
            true),
        arguments(
            "heartbeat elapsed",
            LAST,
            rec(HealthState.UP, false, 100, T0.plusSeconds(60)),
            60,
            true),
        arguments(
            "just before the heartbeat",
            LAST,
            rec(HealthState.UP, false, 100, T0.plusSeconds(59)),
            59,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesOnlyOnChangeOrHeartbeat(
      String name, VantageHealth last, VantageHealth next, long nowSeconds, boolean expected) {
    assertThat(
            HealthWritePolicy.DEFAULT.shouldWrite(
                Optional.ofNullable(last), next, T0.plusSeconds(nowSeconds)))
        .isEqualTo(expected);
  }

  @Test
  void defaultsAreNamedConstants() {
    assertThat(HealthWritePolicy.DEFAULT.heartbeat()).isEqualTo(Duration.ofSeconds(60));
    assertThat(HealthWritePolicy.DEFAULT.latencyChangeFraction()).isEqualTo(0.5);
  }

  @Test
  void rejectsAZeroHeartbeat() {
    assertThatThrownBy(() -> new HealthWritePolicy(Duration.ZERO, 0.5))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("heartbeat");
  }
}
