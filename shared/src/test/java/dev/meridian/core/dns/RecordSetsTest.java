package dev.meridian.core.dns;

import static dev.meridian.core.Fixtures.AP;
import static dev.meridian.core.Fixtures.EU;
import static dev.meridian.core.Fixtures.SVC;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordSetsTest {
  static RoutingPlan plan(RoutingPolicy policy, RegionRoute... routes) {
    return new RoutingPlan(
        SVC,
        policy,
        RecordType.A,
        Duration.ofSeconds(60),
        PlanMode.NORMAL,
        List.of(routes),
        List.of(),
        Optional.empty(),
        T0);
  }

  static RegionRoute route(
      dev.meridian.core.model.Region r,
      int weight,
      boolean included,
      FailoverRole role,
      String... values) {
    return new RegionRoute(r, weight, included, role, List.of(values), 0, "");
  }

  static DnsRecordSet find(List<DnsRecordSet> sets, String id) {
    return sets.stream()
        .filter(s -> s.setIdentifier().equals(Optional.of(id)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void weighted_oneRecordSetPerRegionWithValues_plusTheOwnershipRecord() {
    List<DnsRecordSet> sets =
        RecordSets.desired(
            plan(
                RoutingPolicy.WEIGHTED,
                route(AP, 0, false, FailoverRole.NONE),
                route(EU, 0, false, FailoverRole.NONE, "198.51.100.1"),
                route(US, 200, true, FailoverRole.NONE, "192.0.2.2", "192.0.2.1")));
    assertThat(sets).hasSize(3);
    DnsRecordSet txt = sets.get(0);
    assertThat(txt.name()).isEqualTo("_meridian.api.example.com");
    assertThat(txt.type()).isEqualTo(RecordType.TXT);
    assertThat(txt.values()).containsExactly("\"heritage=meridian,service=api.example.com\"");
    assertThat(txt.routing()).isEqualTo(new Routing.Simple());
    DnsRecordSet us = find(sets, "meridian-us-east-1");
    assertThat(us.name()).isEqualTo("api.example.com");
    assertThat(us.ttlSeconds()).isEqualTo(60);
    assertThat(us.routing()).isEqualTo(new Routing.Weighted(200));
    assertThat(us.values()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(find(sets, "meridian-eu-west-1").routing()).isEqualTo(new Routing.Weighted(0));
  }

  @Test
  void failover_primaryAndSecondary() {
    List<DnsRecordSet> sets =
        RecordSets.desired(
            plan(
                RoutingPolicy.FAILOVER,
                route(AP, 0, false, FailoverRole.STANDBY, "203.0.113.1"),
                route(EU, 100, true, FailoverRole.SECONDARY, "198.51.100.1"),
                route(US, 100, true, FailoverRole.PRIMARY, "192.0.2.1")));
    assertThat(sets).hasSize(3);
    assertThat(find(sets, "meridian-primary").routing())
        .isEqualTo(new Routing.Failover(FailoverRole.PRIMARY));
    assertThat(find(sets, "meridian-primary").values()).containsExactly("192.0.2.1");
    assertThat(find(sets, "meridian-secondary").values()).containsExactly("198.51.100.1");
  }

  @Test
  void latency_oneRecordSetPerIncludedRegion() {
    List<DnsRecordSet> sets =
        RecordSets.desired(
            plan(
                RoutingPolicy.LATENCY,
                route(AP, 0, false, FailoverRole.NONE, "203.0.113.1"),
                route(US, 100, true, FailoverRole.NONE, "192.0.2.1")));
    assertThat(sets).hasSize(2);
    assertThat(find(sets, "meridian-us-east-1").routing()).isEqualTo(new Routing.Latency(US));
  }

  @Test
  void multivalue_oneRecordSetPerValue() {
    List<DnsRecordSet> sets =
        RecordSets.desired(
            plan(
                RoutingPolicy.MULTIVALUE,
                route(EU, 100, true, FailoverRole.NONE, "198.51.100.2", "198.51.100.1"),
                route(US, 0, false, FailoverRole.NONE, "192.0.2.1")));
    assertThat(sets).hasSize(3);
    assertThat(find(sets, "meridian-eu-west-1-1").values()).containsExactly("198.51.100.1");
    assertThat(find(sets, "meridian-eu-west-1-2").values()).containsExactly("198.51.100.2");
    assertThat(find(sets, "meridian-eu-west-1-2").routing()).isEqualTo(new Routing.MultiValue());
  }

  @Test
  void ownership() {
    assertThat(RecordSets.isOwned(RecordSets.ownership(SVC, 30))).isTrue();
    DnsRecordSet foreign =
        new DnsRecordSet(
            "api.example.com",
            RecordType.A,
            30,
            Optional.of("manual-1"),
            new Routing.Weighted(1),
            List.of("192.0.2.9"),
            Optional.empty());
    assertThat(RecordSets.isOwned(foreign)).isFalse();
    DnsRecordSet foreignTxt =
        new DnsRecordSet(
            "api.example.com",
            RecordType.TXT,
            30,
            Optional.empty(),
            new Routing.Simple(),
            List.of("\"v=spf1 -all\""),
            Optional.empty());
    assertThat(RecordSets.isOwned(foreignTxt)).isFalse();
  }
}
