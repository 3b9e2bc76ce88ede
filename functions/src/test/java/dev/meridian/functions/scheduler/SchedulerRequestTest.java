package dev.meridian.functions.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.ServiceName;
import dev.meridian.functions.HandlerFixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulerRequestTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of(
            "EventBridge scheduled event",
            HandlerFixtures.json("scheduler-scheduled-event.json"),
            new SchedulerRequest(true, java.util.Set.of())),
        Arguments.of(
            "constant reconcile input",
            Map.of("reconcile", true),
            new SchedulerRequest(true, java.util.Set.of())),
        Arguments.of(
            "aggregator trigger",
            HandlerFixtures.json("scheduler-trigger.json"),
            new SchedulerRequest(false, java.util.Set.of(ServiceName.of("api.example.com")))),
        Arguments.of(
            "names are normalised",
            Map.of("services", List.of("API.Example.com.", "api.example.com")),
            new SchedulerRequest(false, java.util.Set.of(ServiceName.of("api.example.com")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parses(String name, Map<String, Object> input, SchedulerRequest expected) {
    assertThat(SchedulerRequest.parse(input)).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("empty object", Map.of(), "scheduler request must be"),
        Arguments.of("reconcile false", Map.of("reconcile", false), "scheduler request must be"),
        Arguments.of("services not a list", Map.of("services", "api"), "must be a list"),
        Arguments.of(
            "invalid service name", Map.of("services", List.of("not a name")), "invalid service"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(String name, Map<String, Object> input, String message) {
    assertThatThrownBy(() -> SchedulerRequest.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
