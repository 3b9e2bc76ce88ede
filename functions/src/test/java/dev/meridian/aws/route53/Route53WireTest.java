package dev.meridian.aws.route53;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.meridian.aws.ManualClock;
import dev.meridian.aws.RecordingSleeper;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.DnsPublishException;
import dev.meridian.core.port.PublishResult;
import dev.meridian.observability.MeridianMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The Route 53 publisher at the wire level: WireMock answers with the XML of the Route 53 API
 * reference, and the tests assert the exact request XML Meridian sends.
 */
class Route53WireTest {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
  static final String CHANGE_PATH = RRSET + "/";
  static final ServiceName SERVICE = ServiceName.of("api.example.com");
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final Region EU = Region.of("eu-west-1");
  static final Region US = Region.of("us-east-1");
  static final Region AP = Region.of("ap-southeast-2");

  WireMockServer wm;
  Route53Client client;
  ManualClock clock;
  RecordingSleeper sleeper;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    client = client("aws-global");
    clock = new ManualClock(T0);
    sleeper = new RecordingSleeper(clock);
  }

  @AfterEach
  void stop() {
    client.close();
    wm.stop();
  }

  Route53Client client(String region) {
    return Route53Clients.create(
        Optional.of(region),
        Optional.of(URI.create("http://127.0.0.1:" + wm.port())),
        Optional.of(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  Route53DnsPublisher publisher(Route53Settings settings) {
    return new Route53DnsPublisher(
        client, settings, clock, sleeper, new SplittableRandom(42), MeridianMetrics.NOOP);
  }

  Route53DnsPublisher publisher() {
    // The zone id as the console shows it, with its /hostedzone/ prefix.
    return publisher(Route53Settings.defaults("/hostedzone/" + ZONE).withZoneName("example.com"));
  }

  // --- stubs -------------------------------------------------------------------------------

  static String resource(String name) {
    try (InputStream in = Route53WireTest.class.getResourceAsStream("/route53/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource route53/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void stubList(String startName, String body) {
    wm.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo(startName))
            .willReturn(xml(200, body)));
  }

  void stubNothingPublished() {
    stubList("api.example.com.", resource("list-empty.xml"));
    stubList("_meridian.api.example.com.", resource("list-empty.xml"));
  }

  void stubChangeOk() {
    wm.stubFor(post(urlEqualTo(CHANGE_PATH)).willReturn(xml(200, resource("change-pending.xml"))));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(
      int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
  }

  /** A ListResourceRecordSetsResponse holding exactly these record sets. */
  static String listing(List<DnsRecordSet> records) {
    StringBuilder b =
        new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListResourceRecordSetsResponse xmlns=\"")
            .append(NS)
            .append("\"><ResourceRecordSets>");
    for (DnsRecordSet r : records) {
      b.append("<ResourceRecordSet><Name>")
          .append(r.name())
          .append(".</Name><Type>")
          .append(r.type())
          .append("</Type>");
      r.setIdentifier()
          .ifPresent(id -> b.append("<SetIdentifier>").append(id).append("</SetIdentifier>"));
      switch (r.routing()) {
        case Routing.Weighted w -> b.append("<Weight>").append(w.weight()).append("</Weight>");
        case Routing.Latency l -> b.append("<Region>").append(l.region()).append("</Region>");
        case Routing.Failover f -> b.append("<Failover>").append(f.role()).append("</Failover>");
        case Routing.MultiValue m -> b.append("<MultiValueAnswer>true</MultiValueAnswer>");
        case Routing.Simple s -> {}
      }
      b.append("<TTL>").append(r.ttlSeconds()).append("</TTL><ResourceRecords>");
      for (String v : r.values()) {
        b.append("<ResourceRecord><Value>")
            .append(v.replace("&", "&amp;"))
            .append("</Value></ResourceRecord>");
      }
      b.append("</ResourceRecords></ResourceRecordSet>");
    }
    return b.append(
            "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>")
        .toString();
  }

  void stubPublished(List<DnsRecordSet> records) {
    stubList(
        "api.example.com.",
        listing(records.stream().filter(r -> r.type() != RecordType.TXT).toList()));
    stubList(
        "_meridian.api.example.com.",
        listing(records.stream().filter(r -> r.type() == RecordType.TXT).toList()));
  }

  List<LoggedRequest> changeRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo(CHANGE_PATH)));
  }

  /** Asserts the request body equals {@code route53/<name>} as XML (whitespace ignored). */
  static void assertXmlEquals(String expectedResource, String actual) {
    String expected;
    try {
      expected = resource(expectedResource);
    } catch (IllegalStateException missing) {
      try {
        Path p = Path.of("target/route53-actual-" + expectedResource);
        Files.writeString(p, actual);
      } catch (IOException ignored) {
        // only a convenience for writing the expected file
      }
      throw missing;
    }
    assertThat(equalToXml(expected).match(actual).isExactMatch())
        .as("request body\n%s\nequals %s", actual, expectedResource)
        .isTrue();
  }

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static double count(String xml, String xpath) {
    try {
      var xp = XPathFactory.newInstance().newXPath();
      xp.setNamespaceContext(
          new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
              return "r53".equals(prefix) ? NS : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String uri) {
              return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
              return null;
            }
          });
      return (Double) xp.evaluate("count(" + xpath + ")", parse(xml), XPathConstants.NUMBER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- plans -------------------------------------------------------------------------------

  static RoutingPlan plan(RoutingPolicy policy, List<RegionRoute> regions) {
    return new RoutingPlan(
        SERVICE,
        policy,
        RecordType.A,
        Duration.ofSeconds(30),
        PlanMode.NORMAL,
        regions,
        List.of(),
        Optional.empty(),
        T0);
  }

  static RegionRoute route(
      Region r, int weight, boolean included, FailoverRole role, String... values) {
    return new RegionRoute(r, weight, included, role, List.of(values), 0.5, "");
  }

  static RoutingPlan weightedPlan() {
    return plan(
        RoutingPolicy.WEIGHTED,
        List.of(
            route(EU, 200, true, FailoverRole.NONE, "192.0.2.10", "192.0.2.11"),
            route(US, 55, true, FailoverRole.NONE, "198.51.100.7")));
  }

  // --- routing policies: exact request XML --------------------------------------------------

  @Test
  void weighted_sendsOneWeightedRecordSetPerRegion_plusTheOwnershipRecord() {
    stubNothingPublished();
    stubChangeOk();

    PublishResult result = publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    assertThat(changeRequests()).hasSize(1);
    assertXmlEquals("expected-weighted.xml", changeRequests().get(0).getBodyAsString());
    assertThat(result.changeId()).contains("C2682N5HXP0BZ4");
    assertThat(result.changes()).hasSize(3);
    assertThat(result.apiCalls()).isEqualTo(3);
  }

  @Test
  void failover_sendsPrimaryAndSecondary() {
    stubNothingPublished();
    stubChangeOk();
    RoutingPlan p =
        plan(
            RoutingPolicy.FAILOVER,
            List.of(
                route(EU, 0, true, FailoverRole.PRIMARY, "192.0.2.10"),
                route(US, 0, true, FailoverRole.SECONDARY, "198.51.100.7"),
                route(AP, 0, false, FailoverRole.STANDBY, "203.0.113.20")));

    publisher().publish(SERVICE, RecordSets.desired(p), 7);

    assertXmlEquals("expected-failover.xml", changeRequests().get(0).getBodyAsString());
  }

  @Test
  void latency_sendsLatencyRecordsForIncludedRegions() {
    stubNothingPublished();
    stubChangeOk();
    RoutingPlan p =
        plan(
            RoutingPolicy.LATENCY,
            List.of(
                route(EU, 0, true, FailoverRole.NONE, "192.0.2.10"),
                route(US, 0, true, FailoverRole.NONE, "198.51.100.7"),
                route(AP, 0, false, FailoverRole.NONE, "203.0.113.20")));

    publisher().publish(SERVICE, RecordSets.desired(p), 7);

    assertXmlEquals("expected-latency.xml", changeRequests().get(0).getBodyAsString());
  }

  @Test
  void multivalue_sendsOneMultivalueAnswerRecordPerHealthyEndpoint() {
    stubNothingPublished();
    stubChangeOk();
    RoutingPlan p =
        plan(
            RoutingPolicy.MULTIVALUE,
            List.of(
                route(EU, 0, true, FailoverRole.NONE, "192.0.2.10", "192.0.2.11"),
                route(US, 0, true, FailoverRole.NONE, "198.51.100.7"),
                route(AP, 0, false, FailoverRole.NONE, "203.0.113.20")));

    publisher().publish(SERVICE, RecordSets.desired(p), 7);

    assertXmlEquals("expected-multivalue.xml", changeRequests().get(0).getBodyAsString());
  }

  @Test
  void theChangeRequest_goesToTheZonesRrsetPath_inTheRoute53Namespace() {
    stubNothingPublished();
    stubChangeOk();

    publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    wm.verify(
        1,
        postRequestedFor(urlEqualTo("/2013-04-01/hostedzone/" + ZONE + "/rrset/"))
            .withRequestBody(
                new MatchesXPathPattern(
                    "/r53:ChangeResourceRecordSetsRequest/r53:ChangeBatch/r53:Changes/r53:Change[1]/r53:ResourceRecordSet/r53:Name/text()",
                    Map.of("r53", NS),
                    equalTo("_meridian.api.example.com."))));
  }

  // --- reading ------------------------------------------------------------------------------

  @Test
  void published_followsThePagination_andKeepsOnlyOwnedRecordSets() {
    Route53DnsPublisher p = publisher(Route53Settings.defaults(ZONE).withListPageSize(2));
    wm.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo("api.example.com."))
            .atPriority(5)
            .willReturn(xml(200, resource("list-page1.xml"))));
    wm.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo("api.example.com."))
            .withQueryParam("type", equalTo("A"))
            .withQueryParam("identifier", equalTo("meridian-us-east-1"))
            .atPriority(1)
            .willReturn(xml(200, resource("list-page2.xml"))));
    stubList("_meridian.api.example.com.", resource("list-ownership.xml"));

    List<DnsRecordSet> published = p.published(SERVICE);

    assertThat(published)
        .extracting(r -> r.setIdentifier().orElse(r.name()))
        .containsExactlyInAnyOrder(
            "meridian-ap-southeast-2",
            "meridian-eu-west-1",
            "meridian-us-east-1",
            "_meridian.api.example.com");
    assertThat(published)
        .filteredOn(r -> r.setIdentifier().equals(Optional.of("meridian-eu-west-1")))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.routing()).isEqualTo(new Routing.Weighted(200));
              assertThat(r.values()).containsExactly("192.0.2.10", "192.0.2.11");
              assertThat(r.ttlSeconds()).isEqualTo(30);
            });
    List<LoggedRequest> lists =
        wm.findAll(
            getRequestedFor(urlPathEqualTo(RRSET))
                .withQueryParam("name", equalTo("api.example.com.")));
    assertThat(lists).hasSize(2);
    assertThat(lists.get(0).queryParameter("maxitems").firstValue()).isEqualTo("2");
    assertThat(lists.get(1).queryParameter("type").firstValue()).isEqualTo("A");
  }

  // --- diffing, ownership, steady state -----------------------------------------------------

  @Test
  void steadyState_makesNoChangeCall() {
    stubPublished(RecordSets.desired(weightedPlan()));

    PublishResult result = publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    assertThat(result.changes()).isEmpty();
    assertThat(result.changeId()).isEmpty();
    assertThat(result.apiCalls()).isEqualTo(2);
    assertThat(changeRequests()).isEmpty();
  }

  @Test
  void aForeignRecord_isLeftUntouched_whileAStaleOwnedOneIsDeleted() {
    List<DnsRecordSet> published = new ArrayList<>(RecordSets.desired(weightedPlan()));
    DnsRecordSet foreign =
        new DnsRecordSet(
            "api.example.com",
            RecordType.A,
            60,
            Optional.of("legacy-blue"),
            new Routing.Weighted(0),
            List.of("203.0.113.50"),
            Optional.empty());
    DnsRecordSet staleOwned =
        new DnsRecordSet(
            "api.example.com",
            RecordType.A,
            30,
            Optional.of("meridian-ap-southeast-2"),
            new Routing.Weighted(10),
            List.of("203.0.113.20"),
            Optional.empty());
    published.add(foreign);
    published.add(staleOwned);
    stubPublished(published);
    stubChangeOk();

    PublishResult result = publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    assertThat(result.changes()).hasSize(1);
    String body = changeRequests().get(0).getBodyAsString();
    assertXmlEquals("expected-delete-stale.xml", body);
    assertThat(count(body, "//r53:SetIdentifier[text()='legacy-blue']")).isZero();
  }

  @Test
  void aServiceOutsideTheZone_isRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> publisher().publish(ServiceName.of("api.other.org"), List.of(), 7))
        .isInstanceOf(DnsPublishException.class)
        .hasMessageContaining("outside the hosted zone example.com");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  // --- limits -------------------------------------------------------------------------------

  @Test
  void aChangeOf2500RecordSets_isSplitIntoBatchesWithinTheLimits() {
    stubNothingPublished();
    stubChangeOk();
    List<DnsRecordSet> desired = new ArrayList<>();
    desired.add(RecordSets.ownership(SERVICE, 30));
    for (int i = 0; i < 2500; i++) {
      desired.add(
          new DnsRecordSet(
              "api.example.com",
              RecordType.A,
              30,
              Optional.of(String.format("meridian-r%04d", i)),
              new Routing.Weighted(1),
              List.of("192.0.2." + (i % 250 + 1)),
              Optional.empty()));
    }

    PublishResult result = publisher().publish(SERVICE, desired, 7);

    List<LoggedRequest> posts = changeRequests();
    // 2,501 UPSERTs of one value each count 5,002 ResourceRecord elements: 6 batches.
    assertThat(posts).hasSize(6);
    double total = 0;
    for (LoggedRequest r : posts) {
      String body = r.getBodyAsString();
      double records = count(body, "//r53:ResourceRecord");
      double upserts = count(body, "//r53:Change[r53:Action='UPSERT']");
      assertThat(2 * records).isLessThanOrEqualTo(1000);
      assertThat(upserts).isEqualTo(records);
      total += upserts;
    }
    assertThat(total).isEqualTo(2501);
    assertThat(result.changes()).hasSize(2501);
    assertThat(result.apiCalls()).isEqualTo(2 + 6);
  }

  @Test
  void requests_areRateLimited_toFivePerSecondByDefault() {
    stubNothingPublished();
    stubChangeOk();

    publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    // Three requests in a row: the second and third waited for their 200 ms slot.
    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200));
  }

  // --- errors and retries ---------------------------------------------------------------------

  @Test
  void throttlingAndPriorRequestNotComplete_areRetried_thenConverge() {
    stubNothingPublished();
    wm.stubFor(
        post(urlEqualTo(CHANGE_PATH))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(xml(400, resource("error-Throttling.xml")))
            .willSetStateTo("throttled"));
    wm.stubFor(
        post(urlEqualTo(CHANGE_PATH))
            .inScenario("busy")
            .whenScenarioStateIs("throttled")
            .willReturn(xml(400, resource("error-PriorRequestNotComplete.xml")))
            .willSetStateTo("ready"));
    wm.stubFor(
        post(urlEqualTo(CHANGE_PATH))
            .inScenario("busy")
            .whenScenarioStateIs("ready")
            .willReturn(xml(200, resource("change-pending.xml"))));

    PublishResult result = publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    assertThat(result.changeId()).contains("C2682N5HXP0BZ4");
    assertThat(changeRequests()).hasSize(3);
    assertThat(changeRequests().get(2).getBodyAsString())
        .isEqualTo(changeRequests().get(0).getBodyAsString());
    assertThat(result.apiCalls()).isEqualTo(5);
  }

  @Test
  void persistentThrottling_isReportedAsRetryable_afterMaxAttempts() {
    stubNothingPublished();
    wm.stubFor(
        post(urlEqualTo(CHANGE_PATH)).willReturn(xml(400, resource("error-Throttling.xml"))));

    assertThatThrownBy(() -> publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7))
        .isInstanceOfSatisfying(
            DnsPublishException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("Throttling").contains("6 attempts");
              assertThat(e.getCause()).isNotNull();
            });
    assertThat(changeRequests()).hasSize(Route53Settings.DEFAULT_MAX_ATTEMPTS);
    List<Duration> backoffs =
        sleeper.sleeps().stream().filter(d -> !d.equals(Duration.ofMillis(200))).toList();
    assertThat(backoffs)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Route53Settings.DEFAULT_MAX_BACKOFF));
  }

  @Test
  void invalidChangeBatch_isSurfacedWithRoute53sMessage_andNotRetried() {
    stubNothingPublished();
    wm.stubFor(
        post(urlEqualTo(CHANGE_PATH))
            .willReturn(xml(400, resource("error-InvalidChangeBatch.xml"))));

    assertThatThrownBy(() -> publisher().publish(SERVICE, RecordSets.desired(weightedPlan()), 7))
        .isInstanceOfSatisfying(
            DnsPublishException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .contains(
                      "cannot be created because a non-weighted RRSet with the same name and type exists");
            });
    assertThat(changeRequests()).hasSize(1);
  }

  // --- INSYNC -------------------------------------------------------------------------------

  @Test
  void waitForInsync_pollsGetChange_andRecordsTheTimeToInsync() {
    stubNothingPublished();
    stubChangeOk();
    wm.stubFor(
        get(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4"))
            .inScenario("sync")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(xml(200, resource("get-change-pending.xml")))
            .willSetStateTo("synced"));
    wm.stubFor(
        get(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4"))
            .inScenario("sync")
            .whenScenarioStateIs("synced")
            .willReturn(xml(200, resource("get-change-insync.xml"))));

    PublishResult result =
        publisher(Route53Settings.defaults(ZONE).withWaitForInsync(true))
            .publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    // From the change's answer: 200 ms rate-limit slot, PENDING, 2 s poll interval, INSYNC.
    assertThat(result.timeToInSync()).contains(Duration.ofMillis(2200));
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4"))))
        .hasSize(2);
    assertThat(result.apiCalls()).isEqualTo(5);
  }

  @Test
  void waitForInsync_givesUpAfterTheTimeout_withoutFailingThePublication() {
    stubNothingPublished();
    stubChangeOk();
    wm.stubFor(
        get(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4"))
            .willReturn(xml(200, resource("get-change-pending.xml"))));

    PublishResult result =
        publisher(Route53Settings.defaults(ZONE).withWaitForInsync(true))
            .publish(SERVICE, RecordSets.desired(weightedPlan()), 7);

    assertThat(result.changeId()).contains("C2682N5HXP0BZ4");
    assertThat(result.timeToInSync()).isEmpty();
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/2013-04-01/change/C2682N5HXP0BZ4"))))
        .hasSizeBetween(29, 31);
  }

  // --- client ------------------------------------------------------------------------------

  @Test
  void awsGlobalAndUsEast1_bothSignForUsEast1() {
    stubNothingPublished();
    for (String region : List.of("aws-global", "us-east-1", "eu-west-1")) {
      wm.resetRequests();
      try (Route53Client c = client(region)) {
        new Route53DnsPublisher(
                c,
                Route53Settings.defaults(ZONE),
                clock,
                sleeper,
                new SplittableRandom(1),
                MeridianMetrics.NOOP)
            .published(SERVICE);
      }
      assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(RRSET))))
          .allSatisfy(
              r ->
                  assertThat(r.getHeader("Authorization"))
                      .contains("/us-east-1/route53/aws4_request"));
    }
  }
}
