package dev.meridian.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AggregatedHealthTest {
  static final ServiceName SVC = ServiceName.of("api.example.com");
  static final Region EU = Region.of("eu-west-1");
  static final Region US = Region.of("us-east-1");
  static final EndpointId A = EndpointId.of("a");
  static final EndpointId B = EndpointId.of("b");

  static EndpointHealth endpoint(EndpointId id, Region r, Verdict v) {
    return new EndpointHealth(id, r, v, 0, 0, 0, List.of(), Optional.empty(), "votes of " + id);
  }

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = T0.plusSeconds(60);

  /** HEALTHY by quorum, the records saying healthy since {@code since}. */
  static EndpointHealth healthy(EndpointId id, Instant since) {
    return new EndpointHealth(
        id, EU, Verdict.HEALTHY, 3, 0, 0, List.of(), Optional.of(since), "votes of " + id);
  }

  static AggregatedHealth.Diff diff(AggregatedHealth before, EndpointHealth now) {
    return before.diff(List.of(now), List.of(region(EU, now.verdict())));
  }

  static RegionHealth region(Region r, Verdict v) {
    return new RegionHealth(r, v == Verdict.HEALTHY ? 100 : 0, 100, v);
  }

  static AggregatedHealth announced(Verdict a, Verdict eu) {
    return new AggregatedHealth(SVC, Map.of(A, a), Map.of(EU, eu));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("steady healthy", Verdict.HEALTHY, Verdict.HEALTHY, List.of()),
        arguments(
            "failure",
            Verdict.HEALTHY,
            Verdict.UNHEALTHY,
            List.of("a HEALTHY->UNHEALTHY", "eu-west-1 HEALTHY->UNHEALTHY")),
        arguments(
            "recovery",
            Verdict.UNHEALTHY,
            Verdict.HEALTHY,
            List.of("a UNHEALTHY->HEALTHY", "eu-west-1 UNHEALTHY->HEALTHY")),
        arguments(
            "loss of evidence",
            Verdict.HEALTHY,
            Verdict.UNKNOWN,
            List.of("a HEALTHY->UNKNOWN", "eu-west-1 HEALTHY->UNKNOWN")),
        arguments("steady unhealthy", Verdict.UNHEALTHY, Verdict.UNHEALTHY, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diff_isTheChangeFromTheAnnouncedVerdicts_endpointsThenRegions(
      String name, Verdict before, Verdict now, List<String> expected) {
    AggregatedHealth.Diff d =
        announced(before, before).diff(List.of(endpoint(A, EU, now)), List.of(region(EU, now)));

    assertThat(d.changes())
        .extracting(
            c ->
                c.endpoint().map(EndpointId::value).orElse(c.region().code())
                    + " "
                    + c.from()
                    + "->"
                    + c.to())
        .containsExactlyElementsOf(expected);
    assertThat(d.next()).isEqualTo(announced(now, now));
  }

  @Test
  void diffAgainstTheNextState_isEmpty_soATransitionIsAnnouncedOnce() {
    AggregatedHealth.Diff first =
        announced(Verdict.HEALTHY, Verdict.HEALTHY)
            .diff(
                List.of(endpoint(A, EU, Verdict.UNHEALTHY)),
                List.of(region(EU, Verdict.UNHEALTHY)));

    assertThat(
            first
                .next()
                .diff(
                    List.of(endpoint(A, EU, Verdict.UNHEALTHY)),
                    List.of(region(EU, Verdict.UNHEALTHY)))
                .changes())
        .isEmpty();
  }

  @Test
  void unannouncedSubjects_startUnknown_andDeregisteredOnesDropOutSilently() {
    AggregatedHealth.Diff d =
        announced(Verdict.HEALTHY, Verdict.HEALTHY)
            .diff(List.of(endpoint(B, US, Verdict.HEALTHY)), List.of(region(US, Verdict.HEALTHY)));

    assertThat(d.changes())
        .extracting(c -> c.from() + "->" + c.to(), AggregatedHealth.Change::isRegion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("UNKNOWN->HEALTHY", false),
            org.assertj.core.groups.Tuple.tuple("UNKNOWN->HEALTHY", true));
    assertThat(d.next().endpoints()).containsOnlyKeys(B);
    assertThat(d.next().regions()).containsOnlyKeys(US);
  }

  @Test
  void evidence_isTheEndpointsVotes_andTheRegionsHealthyCapacity() {
    AggregatedHealth.Diff d =
        AggregatedHealth.initial(SVC)
            .diff(List.of(endpoint(A, EU, Verdict.HEALTHY)), List.of(region(EU, Verdict.HEALTHY)));

    assertThat(d.changes())
        .extracting(AggregatedHealth.Change::evidence)
        .containsExactly("votes of a", "healthy capacity 100 of 100 (100%)");
  }

  @Test
  void aChangeWithoutAChange_isABug() {
    assertThatThrownBy(
            () ->
                new AggregatedHealth.Change(
                    EU, Optional.empty(), Verdict.HEALTHY, Verdict.HEALTHY, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HEALTHY");
  }

  @Test
  void becomingHealthy_remembersTheQuorumsHealthySince() {
    AggregatedHealth next = diff(AggregatedHealth.initial(SVC), healthy(A, T0)).next();

    assertThat(next.healthySince(A)).contains(T0);
  }

  @Test
  void stayingHealthy_keepsTheRememberedHealthySince_whenTheRecordsMoveItForward() {
    // A vantage re-joined: the records' quorum-th earliest upSince moved from T0 to T1.
    AggregatedHealth before = diff(AggregatedHealth.initial(SVC), healthy(A, T0)).next();

    AggregatedHealth.Diff d = diff(before, healthy(A, T1));

    assertThat(d.changes()).isEmpty();
    assertThat(d.next().healthySince(A)).contains(T0);
    assertThat(d.next()).isEqualTo(before);
  }

  @Test
  void leavingHealthy_forgetsIt_andTheNextRecoveryStartsAfresh() {
    AggregatedHealth before = diff(AggregatedHealth.initial(SVC), healthy(A, T0)).next();

    AggregatedHealth down = diff(before, endpoint(A, EU, Verdict.UNHEALTHY)).next();
    assertThat(down.healthySince(A)).isEmpty();
    assertThat(down.healthySince()).isEmpty();

    AggregatedHealth unknown = diff(before, endpoint(A, EU, Verdict.UNKNOWN)).next();
    assertThat(unknown.healthySince()).isEmpty();

    assertThat(diff(down, healthy(A, T1)).next().healthySince(A)).contains(T1);
  }

  @Test
  void healthyWithoutHealthySince_asStoredBeforeAdr0013_getsTheQuorumsWithoutATransition() {
    AggregatedHealth legacy = announced(Verdict.HEALTHY, Verdict.HEALTHY);

    AggregatedHealth.Diff d = diff(legacy, healthy(A, T1));

    assertThat(d.changes()).isEmpty();
    assertThat(d.next().healthySince(A)).contains(T1);
  }

  @Test
  void deregisteredEndpoints_dropTheirHealthySince() {
    AggregatedHealth before = diff(AggregatedHealth.initial(SVC), healthy(A, T0)).next();

    AggregatedHealth next = diff(before, healthy(B, T1)).next();

    assertThat(next.healthySince()).containsOnlyKeys(B);
  }

  @Test
  void healthySinceOfAnEndpointNotHealthy_isABug() {
    assertThatThrownBy(
            () -> new AggregatedHealth(SVC, Map.of(A, Verdict.UNHEALTHY), Map.of(), Map.of(A, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("healthySince of a")
        .hasMessageContaining("UNHEALTHY");
    assertThatThrownBy(() -> new AggregatedHealth(SVC, Map.of(), Map.of(), Map.of(B, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UNKNOWN");
  }
}
