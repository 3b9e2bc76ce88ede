package dev.meridian.core.dns;

import static dev.meridian.core.Fixtures.SVC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.plan.RandomWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordDiffTest {
  static final DnsRecordSet TXT = RecordSets.ownership(SVC, 30);

  static DnsRecordSet weighted(String region, int weight, String... values) {
    return rs(
        "api.example.com",
        RecordType.A,
        "meridian-" + region,
        new Routing.Weighted(weight),
        values);
  }

  static DnsRecordSet rs(
      String name, RecordType type, String id, Routing routing, String... values) {
    return new DnsRecordSet(
        name, type, 30, Optional.ofNullable(id), routing, List.of(values), Optional.empty());
  }

  static final DnsRecordSet FOREIGN =
      rs("api.example.com", RecordType.A, "manual", new Routing.Weighted(5), "192.0.2.200");

  /** "UPSERT meridian-us-east-1" / "DELETE _meridian.api.example.com". */
  static List<String> describe(List<PlanChange> changes) {
    return changes.stream()
        .map(c -> c.action() + " " + c.record().setIdentifier().orElse(c.record().name()))
        .toList();
  }

  static Stream<Arguments> cases() {
    DnsRecordSet us = weighted("us-east-1", 100, "192.0.2.1", "192.0.2.2");
    DnsRecordSet eu = weighted("eu-west-1", 100, "198.51.100.1");
    return Stream.of(
        arguments(
            "nothing changed: no calls", List.of(TXT, us, eu), List.of(TXT, us, eu), List.of()),
        arguments(
            "values in another order are equal",
            List.of(TXT, us),
            List.of(TXT, weighted("us-east-1", 100, "192.0.2.2", "192.0.2.1")),
            List.of()),
        arguments(
            "names from DNS with a trailing dot and upper case are equal",
            List.of(TXT, us),
            List.of(
                TXT,
                rs(
                    "API.example.com.",
                    RecordType.A,
                    "meridian-us-east-1",
                    new Routing.Weighted(100),
                    "192.0.2.1",
                    "192.0.2.2")),
            List.of()),
        arguments(
            "a weight change is one UPSERT",
            List.of(TXT, us, weighted("eu-west-1", 0, "198.51.100.1")),
            List.of(TXT, us, eu),
            List.of("UPSERT meridian-eu-west-1")),
        arguments(
            "first publication: ownership record first",
            List.of(TXT, us, eu),
            List.of(),
            List.of(
                "UPSERT _meridian.api.example.com",
                "UPSERT meridian-eu-west-1",
                "UPSERT meridian-us-east-1")),
        arguments(
            "a region that left: UPSERTs before the DELETE",
            List.of(TXT, weighted("us-east-1", 255, "192.0.2.1", "192.0.2.2")),
            List.of(TXT, us, eu),
            List.of("UPSERT meridian-us-east-1", "DELETE meridian-eu-west-1")),
        arguments(
            "records Meridian does not own are never touched",
            List.of(TXT, us),
            List.of(TXT, us, FOREIGN),
            List.of()),
        arguments(
            "removing everything deletes the ownership record last",
            List.of(),
            List.of(TXT, us, eu, FOREIGN),
            List.of(
                "DELETE meridian-eu-west-1",
                "DELETE meridian-us-east-1",
                "DELETE _meridian.api.example.com")),
        arguments(
            "A to CNAME: the conflicting A records go first",
            List.of(
                TXT,
                rs(
                    "api.example.com",
                    RecordType.CNAME,
                    "meridian-us-east-1",
                    new Routing.Weighted(100),
                    "lb.example.net")),
            List.of(TXT, us),
            List.of("DELETE meridian-us-east-1", "UPSERT meridian-us-east-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diffsOwnedRecordSets(
      String name,
      List<DnsRecordSet> desired,
      List<DnsRecordSet> published,
      List<String> expected) {
    assertThat(describe(RecordDiff.diff(desired, published))).isEqualTo(expected);
  }

  @Test
  void deleteCarriesThePublishedRecord() {
    DnsRecordSet eu = weighted("eu-west-1", 7, "198.51.100.1");
    List<PlanChange> changes = RecordDiff.diff(List.of(TXT), List.of(TXT, eu));
    assertThat(changes).containsExactly(new PlanChange(ChangeAction.DELETE, eu));
  }

  /** Applying the diff to what is published yields the desired owned records; others stay. */
  @Property(tries = 300)
  void applyingTheDiffConverges(
      @ForAll long seed, @ForAll RoutingPolicy policy, @ForAll long seed2) {
    RandomWorld a = RandomWorld.random(seed, policy, RandomWorld.Options.ALL);
    RandomWorld b = RandomWorld.random(seed2, policy, RandomWorld.Options.ALL);
    RoutingPlan pa = a.plan(Optional.empty());
    RoutingPlan pb = b.plan(Optional.empty());
    List<DnsRecordSet> published = new ArrayList<>(RecordSets.desired(pb));
    published.add(FOREIGN);
    List<DnsRecordSet> desired = RecordSets.desired(pa);
    List<PlanChange> changes = RecordDiff.diff(desired, published);

    Map<String, DnsRecordSet> zone = new LinkedHashMap<>();
    published.forEach(r -> zone.put(r.key(), r));
    for (PlanChange c : changes) {
      if (c.action() == ChangeAction.UPSERT) {
        zone.put(c.record().key(), c.record());
      } else {
        assertThat(zone.remove(c.record().key())).isEqualTo(c.record());
      }
    }
    assertThat(zone).containsEntry(FOREIGN.key(), FOREIGN);
    zone.remove(FOREIGN.key());
    assertThat(zone.values()).containsExactlyInAnyOrderElementsOf(desired);
    assertThat(RecordDiff.diff(desired, new ArrayList<>(zone.values()))).isEmpty();
  }
}
