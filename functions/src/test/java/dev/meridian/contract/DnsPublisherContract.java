package dev.meridian.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.PublishResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DnsPublisher} guarantees: publishing converges DNS to the desired record sets
 * with the minimal changes, steady state changes nothing, and foreign records stay untouched. Run
 * by the in-memory fake and by the Route 53 adapter over an in-memory hosted zone.
 */
public abstract class DnsPublisherContract {
  protected static final ServiceName S = ServiceName.of("api.example.com");
  protected DnsPublisher dns;

  protected abstract DnsPublisher newPublisher();

  /** Puts a record set Meridian does not own next to the service's records. */
  protected abstract void seedForeign(DnsRecordSet record);

  @BeforeEach
  void setUpPublisher() {
    dns = newPublisher();
  }

  protected static DnsRecordSet weighted(String id, int weight, String... values) {
    return new DnsRecordSet(
        "api.example.com",
        RecordType.A,
        30,
        Optional.of(id),
        new Routing.Weighted(weight),
        List.of(values),
        Optional.empty());
  }

  static List<DnsRecordSet> desired(int euWeight, boolean withUs) {
    List<DnsRecordSet> out = new ArrayList<>();
    out.add(RecordSets.ownership(S, 30));
    out.add(weighted("meridian-eu-west-1", euWeight, "192.0.2.10", "192.0.2.11"));
    if (withUs) {
      out.add(weighted("meridian-us-east-1", 255 - euWeight, "198.51.100.7"));
    }
    return out;
  }

  @Test
  void aFirstPublication_createsEveryRecordSet() {
    PublishResult r = dns.publish(S, desired(200, true), 1);

    assertThat(r.changes()).hasSize(3).allMatch(c -> c.action() == ChangeAction.UPSERT);
    assertThat(r.changeId()).isPresent();
    assertThat(dns.published(S)).containsExactlyInAnyOrderElementsOf(desired(200, true));
  }

  @Test
  void republishingTheSameRecords_changesNothing() {
    dns.publish(S, desired(200, true), 1);

    PublishResult again = dns.publish(S, desired(200, true), 1);

    assertThat(again.changes()).isEmpty();
    assertThat(again.changeId()).isEmpty();
  }

  @Test
  void aWeightChange_upsertsOnlyThatRecordSet() {
    dns.publish(S, desired(200, true), 1);

    PublishResult r = dns.publish(S, desired(100, true), 2);

    assertThat(r.changes())
        .extracting(c -> c.record().setIdentifier().orElse(""))
        .containsExactlyInAnyOrder("meridian-eu-west-1", "meridian-us-east-1");
    assertThat(dns.published(S)).containsExactlyInAnyOrderElementsOf(desired(100, true));
  }

  @Test
  void aRegionLeavingThePlan_isDeleted() {
    dns.publish(S, desired(200, true), 1);

    PublishResult r = dns.publish(S, desired(255, false), 2);

    assertThat(r.changes())
        .anySatisfy(
            c -> {
              assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
              assertThat(c.record().setIdentifier()).contains("meridian-us-east-1");
            });
    assertThat(dns.published(S)).containsExactlyInAnyOrderElementsOf(desired(255, false));
  }

  @Test
  void foreignRecords_areNeitherListedNorTouched() {
    DnsRecordSet foreign = weighted("legacy-blue", 0, "203.0.113.50");
    seedForeign(foreign);

    dns.publish(S, desired(200, true), 1);
    PublishResult r = dns.publish(S, List.of(RecordSets.ownership(S, 30)), 2);

    assertThat(r.changes()).noneMatch(c -> c.record().equals(foreign));
    assertThat(dns.published(S))
        .doesNotContain(foreign)
        .containsExactly(RecordSets.ownership(S, 30));
  }

  @Test
  void nothingPublished_listsNothing() {
    assertThat(dns.published(ServiceName.of("quiet.example.com"))).isEmpty();
  }
}
