package dev.meridian.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Pure parts of the Route 53 adapter: zone ids, regions, record mapping, batch splitting. */
class Route53UnitTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Z0123456789ABC",
        "/hostedzone/Z0123456789ABC",
        "hostedzone/Z0123456789ABC",
        " Z0123456789ABC "
      })
  void hostedZoneIds_areAcceptedWithOrWithoutThePrefix(String id) {
    assertThat(Route53Settings.normalizeZoneId(id)).isEqualTo("Z0123456789ABC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "/hostedzone/", "Z12/../x", "/change/C1"})
  void malformedHostedZoneIds_areRejected(String id) {
    assertThatThrownBy(() -> Route53Settings.normalizeZoneId(id))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} -> client region {1} (override: {2})")
  @CsvSource({
    "aws-global, aws-global, false",
    "us-east-1, aws-global, false",
    "eu-west-1, aws-global, false",
    "'', aws-global, false",
    "aws-global, us-east-1, true",
    "us-east-1, us-east-1, true",
    "cn-north-1, aws-cn-global, false",
    "cn-north-1, cn-northwest-1, true",
    "us-gov-west-1, aws-us-gov-global, false"
  })
  void theClientRegion_isTheGlobalOne_orItsSigningRegionBehindAnOverride(
      String configured, String expected, boolean override) {
    assertThat(Route53Clients.clientRegion(configured, override).id()).isEqualTo(expected);
  }

  static DnsRecordSet rs(String id, Routing routing, String... values) {
    return new DnsRecordSet(
        "api.example.com",
        RecordType.A,
        30,
        Optional.of(id),
        routing,
        List.of(values),
        Optional.empty());
  }

  @Test
  void everyRoutingFlavour_roundTripsThroughTheSdkShape() {
    List<DnsRecordSet> all =
        List.of(
            rs("meridian-eu-west-1", new Routing.Weighted(200), "192.0.2.10", "192.0.2.11"),
            rs("meridian-primary", new Routing.Failover(FailoverRole.PRIMARY), "192.0.2.10"),
            rs("meridian-secondary", new Routing.Failover(FailoverRole.SECONDARY), "198.51.100.7"),
            rs("meridian-us-east-1", new Routing.Latency(Region.of("us-east-1")), "198.51.100.7"),
            rs("meridian-us-east-1-1", new Routing.MultiValue(), "198.51.100.7"),
            new DnsRecordSet(
                "api.example.com",
                RecordType.A,
                60,
                Optional.of("meridian-x"),
                new Routing.Weighted(0),
                List.of("192.0.2.1"),
                Optional.of("abcdef01-2345-6789-abcd-ef0123456789")),
            RecordSets.ownership(ServiceName.of("api.example.com"), 30));
    for (DnsRecordSet r : all) {
      ResourceRecordSet sdk = RecordSetMapper.toSdk(r);
      assertThat(sdk.name()).endsWith(".");
      assertThat(RecordSetMapper.fromSdk(sdk)).contains(r);
    }
  }

  @Test
  void recordSetsMeridianCannotRepresent_mapToNothing() {
    ResourceRecordSet alias =
        ResourceRecordSet.builder()
            .name("api.example.com.")
            .type("A")
            .aliasTarget(
                AliasTarget.builder()
                    .dnsName("lb.example.net.")
                    .hostedZoneId("Z1")
                    .evaluateTargetHealth(true)
                    .build())
            .build();
    ResourceRecordSet mx =
        ResourceRecordSet.builder()
            .name("api.example.com.")
            .type("MX")
            .ttl(300L)
            .resourceRecords(ResourceRecord.builder().value("10 mail.example.com").build())
            .build();

    assertThat(RecordSetMapper.fromSdk(alias)).isEmpty();
    assertThat(RecordSetMapper.fromSdk(mx)).isEmpty();
  }

  @Test
  void batches_countUpsertsTwice_andSplitAt1000Records() {
    List<PlanChange> changes = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      changes.add(
          new PlanChange(
              ChangeAction.DELETE, rs("meridian-d" + i, new Routing.Weighted(1), "192.0.2.1")));
    }
    for (int i = 0; i < 300; i++) {
      changes.add(
          new PlanChange(
              ChangeAction.UPSERT, rs("meridian-u" + i, new Routing.Weighted(1), "192.0.2.1")));
    }

    List<List<PlanChange>> batches = ChangeBatcher.split(changes);

    // 600 deletes (600) + 200 upserts (400) = 1000, then the remaining 100 upserts.
    assertThat(batches).extracting(List::size).containsExactly(800, 100);
    assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(changes);
  }

  @Test
  void batches_splitAt32000CharactersOfValues() {
    String longValue = "\"" + "x".repeat(3998) + "\""; // 4,000 characters
    List<PlanChange> changes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      changes.add(
          new PlanChange(
              ChangeAction.UPSERT,
              new DnsRecordSet(
                  "_meridian.api.example.com",
                  RecordType.TXT,
                  30,
                  Optional.of("meridian-t" + i),
                  new Routing.Weighted(1),
                  List.of(longValue),
                  Optional.empty())));
    }

    // Each UPSERT counts 8,000 characters: four fit in 32,000.
    assertThat(ChangeBatcher.split(changes)).extracting(List::size).containsExactly(4, 4, 1);
  }

  @Test
  void aRecordSetLargerThanABatch_isRefused() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      values.add("192.0.2." + (i % 250));
    }
    PlanChange huge =
        new PlanChange(
            ChangeAction.UPSERT,
            new DnsRecordSet(
                "api.example.com",
                RecordType.A,
                30,
                Optional.of("meridian-big"),
                new Routing.Weighted(1),
                values,
                Optional.empty()));

    assertThatThrownBy(() -> ChangeBatcher.split(List.of(huge)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds");
    assertThat(ChangeBatcher.split(List.of())).isEmpty();
  }
}
