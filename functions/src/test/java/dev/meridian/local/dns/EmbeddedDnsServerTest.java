package dev.meridian.local.dns;

import static dev.meridian.local.dns.Records.failover;
import static dev.meridian.local.dns.Records.multi;
import static dev.meridian.local.dns.Records.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.ServiceName;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class EmbeddedDnsServerTest {
  private static final ServiceName API = ServiceName.of("api.demo.test");
  private static final String N = API.value();

  private final MutableRecordSource source = new MutableRecordSource();
  private EmbeddedDnsServer server;

  @BeforeEach
  void start() throws IOException {
    source.set(
        Map.of(
            API,
            List.of(
                weighted(N, "us-east-1", 100, "127.0.0.11"),
                weighted(N, "us-west-2", 60, "127.0.0.12"),
                weighted(N, "eu-west-1", 40, "127.0.0.13"))));
    server =
        new EmbeddedDnsServer(DnsServerConfig.loopback(0), source, new SplittableRandom(42))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SimpleResolver resolver(boolean tcp) {
    SimpleResolver r =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(3));
    return r;
  }

  private Message query(String name, int type, boolean tcp) throws IOException {
    return resolver(tcp)
        .send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
  }

  private static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void answersAWeightedChoice_overUdp_authoritatively_withTheRecordTtl() throws IOException {
    Message m = query(N, Type.A, false);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
    List<Record> answer = m.getSection(Section.ANSWER);
    assertThat(answer).hasSize(1);
    assertThat(answer.get(0)).isInstanceOf(ARecord.class);
    assertThat(answer.get(0).getTTL()).isEqualTo(30);
    assertThat(answer.get(0).rdataToString()).isIn("127.0.0.11", "127.0.0.12", "127.0.0.13");
  }

  @Test
  void answersOverTcp_severalQueriesOnOneConnection() throws IOException {
    Message m = query(N, Type.A, true);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(m)).hasSize(1);

    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(3_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int i = 0; i < 3; i++) {
        byte[] q = newQuery(N, Type.A).toWire();
        out.writeShort(q.length);
        out.write(q);
        out.flush();
        byte[] r = new byte[in.readUnsignedShort()];
        in.readFully(r);
        assertThat(new Message(r).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answers(new Message(r))).hasSize(1);
      }
    }
  }

  /**
   * 10,000 queries against weights 100/60/40: Pearson's chi-square statistic with 2 degrees of
   * freedom must stay under 9.21, the critical value at the 1 % significance level. The seed makes
   * the run reproducible; the assertion makes it meaningful.
   */
  @Test
  void weightedAnswers_followTheWeights_over10000Queries_chiSquare() throws IOException {
    int n = 10_000;
    Map<String, Integer> observed = new HashMap<>();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(3_000);
      InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      byte[] buf = new byte[512];
      for (int i = 0; i < n; i++) {
        byte[] q = newQuery(N, Type.A).toWire();
        socket.send(new DatagramPacket(q, q.length, to));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message r = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
        assertThat(answers(r)).hasSize(1);
        observed.merge(answers(r).get(0), 1, Integer::sum);
      }
    }
    Map<String, Double> expected =
        Map.of("127.0.0.11", n * 0.5, "127.0.0.12", n * 0.3, "127.0.0.13", n * 0.2);
    double chi2 = 0;
    for (var e : expected.entrySet()) {
      double o = observed.getOrDefault(e.getKey(), 0);
      chi2 += (o - e.getValue()) * (o - e.getValue()) / e.getValue();
    }
    System.out.printf("dns weighted 100/60/40 over %d queries: %s chi2=%.3f%n", n, observed, chi2);
    assertThat(observed.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    assertThat(chi2).isLessThan(9.21);
  }

  @Test
  void allWeightsZero_failsOpen_answeringEveryRegionInTurn() throws IOException {
    source.set(
        Map.of(
            API,
            List.of(
                weighted(N, "us-east-1", 0, "127.0.0.11"),
                weighted(N, "us-west-2", 0, "127.0.0.12"))));
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      List<String> a = answers(query(N, Type.A, false));
      assertThat(a).hasSize(1);
      seen.merge(a.get(0), 1, Integer::sum);
    }
    assertThat(seen).containsOnlyKeys("127.0.0.11", "127.0.0.12");
  }

  @Test
  void publishedChanges_areAnsweredAtOnce() throws IOException {
    source.set(Map.of(API, List.of(weighted(N, "eu-west-1", 10, "127.0.0.13"))));
    for (int i = 0; i < 20; i++) {
      assertThat(answers(query(N, Type.A, false))).containsExactly("127.0.0.13");
    }
    Message soa = query("demo.test", Type.SOA, false);
    assertThat(((SOARecord) soa.getSection(Section.ANSWER).get(0)).getSerial())
        .isEqualTo(source.current().serial());
  }

  @Test
  void failover_answersPrimaryElseSecondary() throws IOException {
    source.set(
        Map.of(
            API,
            List.of(
                failover(N, FailoverRole.PRIMARY, "127.0.0.11"),
                failover(N, FailoverRole.SECONDARY, "127.0.0.12"))));
    assertThat(answers(query(N, Type.A, false))).containsExactly("127.0.0.11");
    source.set(Map.of(API, List.of(failover(N, FailoverRole.SECONDARY, "127.0.0.12"))));
    assertThat(answers(query(N, Type.A, false))).containsExactly("127.0.0.12");
  }

  @Test
  void multiValue_answersUpToEightRecords() throws IOException {
    List<DnsRecordSet> sets =
        IntStream.rangeClosed(1, 10).mapToObj(i -> multi(N, "e" + i, "127.0.1." + i)).toList();
    source.set(Map.of(API, sets));
    List<String> a = answers(query(N, Type.A, false));
    assertThat(a).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void unknownNameInTheZone_isNxdomain_withTheSoaInAuthority() throws IOException {
    Message m = query("nope.demo.test", Type.A, false);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    List<Record> authority = m.getSection(Section.AUTHORITY);
    assertThat(authority).hasSize(1).first().isInstanceOf(SOARecord.class);
    assertThat(authority.get(0).getTTL())
        .isEqualTo(DnsServerConfig.DEFAULT_NEGATIVE_TTL.toSeconds());
  }

  @Test
  void existingNameWithoutThatType_isNodata() throws IOException {
    Message m = query(N, Type.AAAA, false);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY)).first().isInstanceOf(SOARecord.class);
  }

  @Test
  void nameOutsideEveryZone_isRefused_withoutAuthority() throws IOException {
    Message m = query("example.com", Type.A, false);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void zoneApex_hasSoaAndNs_andTheNameServerResolvesToTheServer() throws IOException {
    Message soa = query("demo.test", Type.SOA, false);
    assertThat(soa.getRcode()).isEqualTo(Rcode.NOERROR);
    SOARecord s = (SOARecord) soa.getSection(Section.ANSWER).get(0);
    assertThat(s.getHost()).isEqualTo(Name.fromString("ns.demo.test."));

    Message ns = query("demo.test", Type.NS, true);
    assertThat(ns.getSection(Section.ANSWER)).hasSize(1).first().isInstanceOf(NSRecord.class);
    assertThat(ns.getSection(Section.ADDITIONAL).stream().map(Record::rdataToString))
        .contains("127.0.0.1");
    assertThat(answers(query("ns.demo.test", Type.A, false))).containsExactly("127.0.0.1");
  }

  @Test
  void configuredZone_isServedEvenWithoutServices() throws IOException {
    server.close();
    source.set(Map.of());
    server =
        new EmbeddedDnsServer(
                DnsServerConfig.loopback(0).withZones(List.of("example.test")),
                source,
                new SplittableRandom(1))
            .start();
    assertThat(query("www.example.test", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(query("api.demo.test", Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void malformedPackets_getFormerrOrAreDropped_andTheServerKeepsAnswering() throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(3_000);
      InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      // Too short for a header: dropped.
      socket.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, to));
      // A readable header (id 0x1234, one question) followed by a truncated question: FORMERR.
      byte[] bad = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x03, 'a', 'p'};
      socket.send(new DatagramPacket(bad, bad.length, to));
      byte[] buf = new byte[512];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      socket.receive(p);
      Message r = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
      assertThat(r.getHeader().getID()).isEqualTo(0x1234);
      assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    }
    // Garbage over TCP closes that connection only.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(3_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(4);
      out.write(new byte[] {9, 9, 9, 9});
      out.flush();
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(server.malformed()).isGreaterThanOrEqualTo(2);
    assertThat(query(N, Type.A, false).getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(query(N, Type.A, true).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void ednsQuery_getsAnOptRecordBack() throws IOException {
    Message m = query(N, Type.A, false); // SimpleResolver sends EDNS by default
    assertThat(m.getOPT()).isNotNull();
    assertThat(m.getOPT().getPayloadSize()).isEqualTo(DnsResponder.EDNS_UDP_SIZE);
  }

  @Test
  void bindingATakenPort_failsWithAClearMessage() {
    EmbeddedDnsServer second =
        new EmbeddedDnsServer(
            DnsServerConfig.loopback(server.port()), source, new SplittableRandom(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
        .isInstanceOf(java.net.BindException.class)
        .hasMessageContaining("cannot listen for DNS on 127.0.0.1:" + server.port());
  }

  private static Message newQuery(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
  }
}
