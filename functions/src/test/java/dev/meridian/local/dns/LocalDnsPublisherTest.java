package dev.meridian.local.dns;

import static dev.meridian.local.dns.Records.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.StaleFencingTokenException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class LocalDnsPublisherTest {
  private static final ServiceName API = ServiceName.of("api.demo.test");
  private static final String N = API.value();
  private final LocalDnsPublisher publisher = new LocalDnsPublisher();

  private List<DnsRecordSet> plan(int east, int west) {
    return List.of(
        RecordSets.ownership(API, 30),
        weighted(N, "us-east-1", east, "127.0.0.11"),
        weighted(N, "us-west-2", west, "127.0.0.12"));
  }

  @Test
  void publish_appliesTheDiff_andIsIdempotent() {
    PublishResult first = publisher.publish(API, plan(100, 100), 1);
    assertThat(first.changes()).hasSize(3);
    assertThat(publisher.published(API)).containsExactlyInAnyOrderElementsOf(plan(100, 100));

    assertThat(publisher.publish(API, plan(100, 100), 1).changes()).isEmpty();

    PublishResult second = publisher.publish(API, plan(100, 0), 1);
    assertThat(second.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo(ChangeAction.UPSERT));
    assertThat(publisher.published(API)).containsExactlyInAnyOrderElementsOf(plan(100, 0));

    PublishResult third = publisher.publish(API, List.of(RecordSets.ownership(API, 30)), 2);
    assertThat(third.changes()).extracting(c -> c.action()).containsOnly(ChangeAction.DELETE);
    assertThat(publisher.published(API)).containsExactly(RecordSets.ownership(API, 30));
  }

  @Test
  void publish_rejectsAFencingTokenLowerThanTheHighestSeen() {
    publisher.publish(API, plan(100, 100), 5);
    assertThatThrownBy(() -> publisher.publish(API, plan(0, 100), 4))
        .isInstanceOf(StaleFencingTokenException.class)
        .hasMessageContaining("stale fencing token 4 (current is 5)");
    assertThat(publisher.published(API)).containsExactlyInAnyOrderElementsOf(plan(100, 100));
    publisher.publish(API, plan(0, 100), 6); // a newer holder may publish
    assertThat(publisher.published(API)).containsExactlyInAnyOrderElementsOf(plan(0, 100));
  }

  @Test
  void listenersSeeEveryChange_beforePublishReturns_andTheSerialIncreases() {
    List<Long> serials = new ArrayList<>();
    publisher.subscribe(s -> serials.add(s.serial()));
    publisher.publish(API, plan(100, 100), 1);
    publisher.publish(API, plan(100, 100), 1); // no change, no notification
    publisher.publish(API, plan(10, 100), 1);
    assertThat(serials).containsExactly(1L, 2L);
  }

  @Test
  void serverAnswersFromThePublisher_inTheSamePlanningStep() throws IOException {
    try (EmbeddedDnsServer server =
        new EmbeddedDnsServer(DnsServerConfig.loopback(0), publisher, new SplittableRandom(3))
            .start()) {
      SimpleResolver resolver =
          new SimpleResolver(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
      resolver.setTimeout(Duration.ofSeconds(3));
      Message q = Message.newQuery(Record.newRecord(Name.fromString(N + "."), Type.A, DClass.IN));
      Message txtQ =
          Message.newQuery(
              Record.newRecord(Name.fromString("_meridian." + N + "."), Type.TXT, DClass.IN));

      publisher.publish(API, plan(0, 100), 1);
      for (int i = 0; i < 10; i++) {
        assertThat(resolver.send(q).getSection(Section.ANSWER))
            .singleElement()
            .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("127.0.0.12"));
      }
      assertThat(((TXTRecord) resolver.send(txtQ).getSection(Section.ANSWER).get(0)).getStrings())
          .containsExactly("heritage=meridian,service=api.demo.test");

      publisher.publish(API, plan(100, 0), 2); // the very next query sees the new weights
      for (int i = 0; i < 10; i++) {
        assertThat(resolver.send(q).getSection(Section.ANSWER))
            .singleElement()
            .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("127.0.0.11"));
      }
    }
  }
}
