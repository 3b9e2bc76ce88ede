package dev.meridian.functions.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.meridian.functions.HandlerFixtures.SERVICE;
import static dev.meridian.functions.HandlerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import dev.meridian.aws.dynamodb.DynamoDbStores;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.functions.HandlerFixtures;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteServer;
import dev.meridian.testing.DynaliteTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The scheduler Lambda handler in-process over the real adapter wiring, configured by properties as
 * on Lambda: real scheduled-event and trigger JSON, the DynamoDB stores on dynalite, and the Route
 * 53 publisher against WireMock answering with Route 53's XML.
 */
@ExtendWith(DynaliteExtension.class)
class SchedulerHandlerTest {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";

  private WireMockServer route53;
  private DynamoDbStores stores;
  private SchedulerHandler handler;

  @BeforeEach
  void setUp(DynamoDbClient dynamo, DynaliteServer dynalite) {
    route53 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    route53.start();
    TableNames tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    stores = HandlerFixtures.stores(dynamo, tables);
    HandlerFixtures.seedHealthyService(stores);
    Map<String, Object> p = new HashMap<>();
    p.put("aws.region", "us-east-1");
    p.put("micronaut.server.port", -1);
    p.put("meridian.vantage", "us-east-1");
    p.put("meridian.tables.prefix", tables.endpoints().replace("endpoints", ""));
    p.put("meridian.aws.dynamodb-endpoint", dynalite.endpoint().toString());
    p.put("meridian.route53.endpoint", "http://127.0.0.1:" + route53.port());
    p.put("meridian.route53.region", "us-east-1");
    p.put("meridian.route53.hosted-zone-id", ZONE);
    p.put("meridian.route53.zone-name", "example.com");
    // No real waiting in tests: no rate-limit pauses, one attempt per call.
    p.put("meridian.route53.rate-limit", 1000);
    p.put("meridian.route53.max-attempts", 1);
    handler =
        new SchedulerHandler(
            ApplicationContext.builder()
                .properties(p)
                .singletons(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC)));
  }

  @AfterEach
  void tearDown() {
    handler.close();
    route53.stop();
  }

  private void stubNothingPublishedThenChangeOk() {
    String empty =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListResourceRecordSetsResponse xmlns=\""
            + NS
            + "\"><ResourceRecordSets/><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>"
            + "</ListResourceRecordSetsResponse>";
    route53.stubFor(get(urlPathEqualTo(RRSET)).willReturn(xml(200, empty)));
    route53.stubFor(
        post(urlEqualTo(RRSET + "/"))
            .willReturn(
                xml(
                    200,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsResponse"
                        + " xmlns=\""
                        + NS
                        + "\"><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>PENDING</Status>"
                        + "<SubmittedAt>2026-12-01T10:00:01.000Z</SubmittedAt></ChangeInfo>"
                        + "</ChangeResourceRecordSetsResponse>")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(
      int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
  }

  @Test
  @SuppressWarnings("unchecked")
  void scheduledEvent_reconcilesEveryService_publishesToRoute53_andStoresThePlan() {
    stubNothingPublishedThenChangeOk();

    Map<String, Object> out =
        handler.handleRequest(
            HandlerFixtures.json("scheduler-scheduled-event.json"), new MockLambdaContext());

    assertThat(out).containsEntry("mode", "reconcile").containsEntry("services", 1);
    assertThat((Map<String, Integer>) out.get("outcomes")).containsEntry("PUBLISHED", 1);
    var changes = route53.findAll(postRequestedFor(urlEqualTo(RRSET + "/")));
    assertThat(changes).hasSize(1);
    String body = changes.get(0).getBodyAsString();
    // One weighted UPSERT per region, with Meridian's set identifiers.
    for (String region : new String[] {"us-east-1", "eu-west-1", "ap-southeast-2"}) {
      assertThat(
              new MatchesXPathPattern(
                      "//r53:Change[r53:Action='UPSERT']/r53:ResourceRecordSet"
                          + "[r53:Name='api.example.com.' and r53:Type='A']"
                          + "/r53:SetIdentifier[contains(., '"
                          + region
                          + "')]",
                      Map.of("r53", NS))
                  .match(body)
                  .isExactMatch())
          .as(region)
          .isTrue();
    }
    var plan = stores.plans().find(SERVICE).orElseThrow().value();
    assertThat(plan.changeId()).contains("C2682N5HXP0BZ4");
    assertThat(stores.audit().list(SERVICE, Optional.empty(), 10).items())
        .extracting(AuditEvent::kind)
        .containsExactly(AuditEvent.Kind.PLAN_PUBLISHED);
  }

  @Test
  @SuppressWarnings("unchecked")
  void trigger_runsTheNamedService_andASecondRunMakesNoRoute53Call() {
    stubNothingPublishedThenChangeOk();
    handler.handleRequest(HandlerFixtures.json("scheduler-trigger.json"), new MockLambdaContext());
    int requestsAfterFirst = route53.getAllServeEvents().size();

    Map<String, Object> out =
        handler.handleRequest(
            HandlerFixtures.json("scheduler-trigger.json"), new MockLambdaContext());

    assertThat(out).containsEntry("mode", "triggered").containsEntry("dnsChanges", 0);
    assertThat((Map<String, Integer>) out.get("outcomes")).containsEntry("UNCHANGED", 1);
    assertThat(route53.getAllServeEvents()).hasSize(requestsAfterFirst);
    assertThat(stores.plans().find(SERVICE).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void route53Throttling_failsStatic_withoutThrowing_andStoresNoPlan() {
    route53.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo("api.example.com."))
            .willReturn(
                xml(
                    400,
                    "<?xml version=\"1.0\"?><ErrorResponse xmlns=\""
                        + NS
                        + "\"><Error><Type>Sender</Type><Code>Throttling</Code>"
                        + "<Message>Rate exceeded</Message></Error>"
                        + "<RequestId>5f3bd0a1</RequestId></ErrorResponse>")));

    Map<String, Object> out =
        handler.handleRequest(
            HandlerFixtures.json("scheduler-trigger.json"), new MockLambdaContext());

    assertThat((Map<String, Integer>) out.get("outcomes")).containsEntry("FAILED", 1);
    assertThat(stores.plans().find(SERVICE)).isEmpty();
    assertThat(route53.findAll(postRequestedFor(urlEqualTo(RRSET + "/")))).isEmpty();
  }

  @Test
  void unknownInput_isRejectedWithAClearMessage() {
    assertThatThrownBy(
            () -> handler.handleRequest(Map.of("hello", "world"), new MockLambdaContext()))
        .hasMessageContaining("scheduler request must be");
  }
}
