package dev.meridian.testing.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.StaleFencingTokenException;
import dev.meridian.core.port.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the fakes add on top of the port contracts: failure injection and the DNS fake. */
class FakesTest {
  static final ServiceName S = ServiceName.of("api.example.com");

  @Test
  void setUnavailable_failsEveryCall_untilSwitchedBack_withoutTouchingState() {
    InMemoryEndpointRepository repo = new InMemoryEndpointRepository();
    repo.setUnavailable(true);

    assertThatThrownBy(() -> repo.saveService(ServiceConfig.builder(S).build(), Versioned.NEW))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(repo::listServices).isInstanceOf(StoreUnavailableException.class);

    repo.setUnavailable(false);
    assertThat(repo.listServices()).isEmpty();
    assertThat(repo.calls("saveService")).isEqualTo(1);
  }

  @Test
  void failNext_failsExactlyOnce_inOrder() {
    InMemoryHealthStore store = new InMemoryHealthStore();
    store.failNext(new StoreUnavailableException("first", null));
    store.failNext(new ConflictException("second"));

    assertThatThrownBy(() -> store.list(S)).hasMessage("first");
    assertThatThrownBy(() -> store.list(S)).hasMessage("second");
    assertThat(store.list(S)).isEmpty();
  }

  @Test
  void failNextOn_failsOnlyTheNamedOperation() {
    InMemoryHealthStore store = new InMemoryHealthStore();
    store.failNextOn("putAll", new StoreUnavailableException("down", null));

    assertThat(store.list(S)).isEmpty();
    assertThatThrownBy(() -> store.putAll(List.of())).isInstanceOf(StoreUnavailableException.class);
    store.putAll(List.of());
    assertThat(store.putAllCalls()).isEqualTo(1);
    store.deleteEndpoint(S, EndpointId.of("a"));
  }

  @Test
  void clearFailures_dropsPendingInjections() {
    InMemoryPlanStore plans = new InMemoryPlanStore();
    plans.failNext(new StoreUnavailableException("x", null));
    plans.setUnavailable(true);

    plans.clearFailures();

    assertThat(plans.find(S)).isEmpty();
  }

  static DnsRecordSet weighted(String region, int weight, String value) {
    return new DnsRecordSet(
        "api.example.com",
        RecordType.A,
        30,
        Optional.of("meridian-" + region),
        new Routing.Weighted(weight),
        List.of(value),
        Optional.empty());
  }

  @Test
  void dnsFake_appliesTheCoreDiff_andRecordsEveryCall() {
    InMemoryDnsPublisher dns = new InMemoryDnsPublisher();
    List<DnsRecordSet> first =
        List.of(
            RecordSets.ownership(S, 30),
            weighted("eu-west-1", 200, "192.0.2.10"),
            weighted("us-east-1", 55, "198.51.100.7"));

    PublishResult r1 = dns.publish(S, first, 1);
    PublishResult r2 = dns.publish(S, first, 1);
    List<DnsRecordSet> second =
        List.of(RecordSets.ownership(S, 30), weighted("eu-west-1", 255, "192.0.2.10"));
    PublishResult r3 = dns.publish(S, second, 2);

    assertThat(r1.changes()).hasSize(3);
    assertThat(r1.changeId()).isPresent();
    assertThat(r2.changes()).isEmpty();
    assertThat(r2.changeId()).isEmpty();
    assertThat(r3.changes()).hasSize(2);
    assertThat(dns.published(S)).containsExactlyInAnyOrderElementsOf(second);
    assertThat(dns.publishCalls(S))
        .hasSize(3)
        .extracting(c -> c.fencingToken())
        .containsExactly(1L, 1L, 2L);
    assertThat(dns.changeBatches()).isEqualTo(2);
  }

  @Test
  void dnsFake_rejectsAStaleFencingToken_andRecordsTheFailedCall() {
    InMemoryDnsPublisher dns = new InMemoryDnsPublisher();
    dns.publish(S, List.of(RecordSets.ownership(S, 30)), 5);

    assertThatThrownBy(() -> dns.publish(S, List.of(), 4))
        .isInstanceOfSatisfying(
            StaleFencingTokenException.class, e -> assertThat(e.current()).isEqualTo(5));
    assertThat(dns.publishCalls()).hasSize(2);
    assertThat(dns.publishCalls().get(1).result()).isEmpty();
    assertThat(dns.published(S)).hasSize(1);
  }

  @Test
  void dnsFake_neverTouchesAForeignRecord() {
    InMemoryDnsPublisher dns = new InMemoryDnsPublisher();
    DnsRecordSet foreign =
        new DnsRecordSet(
            "api.example.com",
            RecordType.A,
            60,
            Optional.of("legacy-blue"),
            new Routing.Weighted(0),
            List.of("203.0.113.50"),
            Optional.empty());
    List<DnsRecordSet> seeded =
        new ArrayList<>(List.of(foreign, weighted("ap-southeast-2", 10, "203.0.113.20")));
    dns.seed(S, seeded);

    dns.publish(
        S, List.of(RecordSets.ownership(S, 30), weighted("eu-west-1", 255, "192.0.2.10")), 1);

    assertThat(dns.published(S)).doesNotContain(foreign).hasSize(2);
    assertThat(dns.allRecords(S)).contains(foreign).hasSize(3);
  }
}
