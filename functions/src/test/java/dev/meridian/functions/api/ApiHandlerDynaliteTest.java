package dev.meridian.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.api.ApiTarget.Response;
import dev.meridian.api.LambdaTarget;
import dev.meridian.api.TestClock;
import dev.meridian.api.dto.DrillResult;
import dev.meridian.api.dto.EndpointList;
import dev.meridian.api.dto.EndpointResponse;
import dev.meridian.api.dto.EventPage;
import dev.meridian.api.dto.ServiceConfigResponse;
import dev.meridian.aws.dynamodb.DynamoDbStores;
import dev.meridian.aws.dynamodb.TableBootstrap;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteServer;
import dev.meridian.testing.DynaliteTables;
import dev.meridian.testing.fakes.InMemoryDnsPublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API function over the real DynamoDB adapters (dynalite), wired by properties exactly as the
 * Lambda is: registration, idempotent replay, patch, a drill dry run and the audit log with its
 * DynamoDB cursor, all through API Gateway events.
 */
@ExtendWith(DynaliteExtension.class)
class ApiHandlerDynaliteTest {
  static final String S = "/v1/services/shop.example.com";
  final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
  DynamoDbStores stores;
  ApplicationContext context;
  ApiHandler handler;

  @BeforeEach
  void setUp(DynamoDbClient dynamo, DynaliteServer dynalite) {
    TableNames tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(dynamo, tables);
    stores = DynamoDbStores.create(dynamo, tables);
    Map<String, Object> p = new HashMap<>();
    p.put("aws.region", "us-east-1");
    p.put("micronaut.server.port", -1);
    p.put("meridian.api.auth", "iam");
    p.put("meridian.tables.prefix", tables.endpoints().replace("endpoints", ""));
    p.put("meridian.aws.dynamodb-endpoint", dynalite.endpoint().toString());
    p.put("meridian.dns.publisher", "local");
    context =
        ApplicationContext.builder()
            .properties(p)
            .singletons(new InMemoryDnsPublisher(), clock)
            .start();
    handler = new ApiHandler(context);
  }

  @AfterEach
  void tearDown() {
    handler.close();
    context.close();
  }

  private Response call(String method, String path, String body) {
    ObjectNode e = LambdaTarget.fixture();
    String raw = path;
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      raw = path.substring(0, q);
      query = path.substring(q + 1);
      ObjectNode params = e.putObject("queryStringParameters");
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    e.put("rawPath", raw);
    e.put("rawQueryString", query);
    ((ObjectNode) e.get("requestContext").get("http")).put("method", method).put("path", raw);
    if (body != null) {
      e.put("body", body);
    }
    APIGatewayV2HTTPEvent event = LambdaTarget.toEvent(e);
    var r = handler.handleRequest(event, new MockLambdaContext());
    return new Response(r.getStatusCode(), r.getHeaders(), r.getBody());
  }

  @Test
  void registersAndDrillsThroughApiGatewayEvents_onTheDynamoDbAdapters() {
    assertThat(call("PUT", S, "{\"ttlSeconds\":20}").status()).isEqualTo(201);
    ServiceConfigResponse cfg = call("GET", S, null).as(ServiceConfigResponse.class);
    assertThat(cfg.ttlSeconds()).isEqualTo(20);
    assertThat(cfg.version()).isEqualTo(1);

    String use1 =
        "{\"id\":\"use1-a\",\"region\":\"us-east-1\",\"address\":\"203.0.113.5\",\"capacity\":300}";
    Response created = call("POST", S + "/endpoints", use1);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(call("POST", S + "/endpoints", use1).status()).isEqualTo(200);
    assertThat(
            call(
                    "POST",
                    S + "/endpoints",
                    "{\"id\":\"usw2-a\",\"region\":\"us-west-2\",\"address\":\"203.0.113.6\"}")
                .status())
        .isEqualTo(201);
    Response patched = call("PATCH", S + "/endpoints/use1-a", "{\"weight\":80}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.as(EndpointResponse.class).version()).isEqualTo(2);
    assertThat(call("GET", S + "/endpoints", null).as(EndpointList.class).items())
        .extracting(EndpointResponse::id)
        .containsExactly("use1-a", "usw2-a");

    Instant now = clock.instant();
    for (String id : List.of("use1-a", "usw2-a")) {
      for (String vantage : List.of("us-east-1", "us-west-2")) {
        stores
            .health()
            .putAll(
                List.of(
                    new VantageHealth(
                        ServiceName.of("shop.example.com"),
                        EndpointId.of(id),
                        Region.of(vantage),
                        HealthState.UP,
                        3,
                        0,
                        now,
                        Optional.of(now.minusSeconds(300)),
                        Optional.of(now.minusSeconds(300)),
                        0,
                        now,
                        false,
                        8,
                        Optional.empty())));
      }
    }
    Response dry =
        call(
            "POST",
            S + "/drills",
            "{\"region\":\"us-west-2\",\"mode\":\"EVACUATE\",\"dryRun\":true}");
    assertThat(dry.status()).as(dry.toString()).isEqualTo(200);
    assertThat(dry.as(DrillResult.class).plan().regions())
        .filteredOn(r -> r.region().equals("us-west-2"))
        .singleElement()
        .satisfies(r -> assertThat(r.weight()).isZero());
    assertThat(stores.drills().list(ServiceName.of("shop.example.com"))).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    EventPage first = call("GET", S + "/events?limit=2", null).as(EventPage.class);
    assertThat(first.items()).hasSize(2);
    assertThat(first.items())
        .allSatisfy(ev -> assertThat(ev.actor()).isEqualTo(LambdaTarget.CALLER_ARN));
    assertThat(first.next()).isNotNull();
    EventPage rest =
        call(
                "GET",
                S
                    + "/events?limit=50&cursor="
                    + URLEncoder.encode(first.next(), StandardCharsets.UTF_8),
                null)
            .as(EventPage.class);
    var all = new java.util.ArrayList<>(first.items());
    all.addAll(rest.items());
    assertThat(all)
        .extracting(ev -> ev.kind())
        .containsExactlyInAnyOrder(
            AuditEvent.Kind.CONFIG_CHANGED,
            AuditEvent.Kind.ENDPOINT_CHANGED,
            AuditEvent.Kind.ENDPOINT_CHANGED,
            AuditEvent.Kind.ENDPOINT_CHANGED);
    Response badCursor = call("GET", S + "/events?cursor=bm90LWEtY3Vyc29y", null);
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.json().get("field").asText()).isEqualTo("cursor");
  }
}
