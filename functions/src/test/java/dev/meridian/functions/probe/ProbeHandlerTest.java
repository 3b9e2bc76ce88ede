package dev.meridian.functions.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.meridian.app.probe.Shard;
import dev.meridian.aws.dynamodb.TableBootstrap;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteServer;
import dev.meridian.testing.DynaliteTables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The probe Lambda invoked in-process with real event fixtures, against dynalite (DynamoDB wire
 * protocol) and real HTTP endpoints on 127.0.0.1. Real time: each invocation probes for about 2 s.
 */
@ExtendWith(DynaliteExtension.class)
class ProbeHandlerTest {
  static final ServiceName SERVICE = ServiceName.of("api.example.com");
  static final Region VANTAGE = Region.of("eu-west-1");

  /** Remaining time 7 s - safety margin 5 s = a 2 s probe loop. */
  static final FixedLambdaContext CONTEXT = new FixedLambdaContext(Duration.ofSeconds(7));

  HttpServer http;
  ProbeHandler handler;
  String prefix;

  @BeforeEach
  void setUp(DynaliteServer dynalite) throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/ok", ex -> respond(ex, 200));
    http.createContext("/broken", ex -> respond(ex, 500));
    http.start();
    prefix = DynaliteTables.uniquePrefix();
    Map<String, Object> props = new HashMap<>();
    props.put("aws.region", "eu-west-1");
    props.put("micronaut.server.port", -1);
    props.put("meridian.vantage", VANTAGE.code());
    props.put("meridian.aws.dynamodb-endpoint", dynalite.endpoint().toString());
    props.put("meridian.aws.retry-mode", "standard");
    props.put("meridian.tables.prefix", prefix);
    props.put("meridian.route53.hosted-zone-id", "Z0123456789ABC");
    props.put("meridian.probe.shards", 1);
    handler = new ProbeHandler(ApplicationContext.builder().properties(props));
    ApplicationContext ctx = handler.getApplicationContext();
    TableBootstrap.createIfMissing(
        ctx.getBean(DynamoDbClient.class), ctx.getBean(TableNames.class));
  }

  @AfterEach
  void tearDown() {
    handler.close();
    http.stop(0);
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status)
      throws IOException {
    try (ex) {
      ex.sendResponseHeaders(status, -1);
    }
  }

  void register(String... idsAndPaths) {
    EndpointRepository repo = handler.getApplicationContext().getBean(EndpointRepository.class);
    repo.saveService(
        ServiceConfig.builder(SERVICE)
            .allowPrivateTargets(true)
            .probe(new ProbeSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 2, 3))
            .build(),
        Versioned.NEW);
    for (int i = 0; i < idsAndPaths.length; i += 2) {
      repo.saveEndpoint(
          Endpoint.builder(
                  SERVICE, EndpointId.of(idsAndPaths[i]), Region.of("us-east-1"), "127.0.0.1")
              .port(http.getAddress().getPort())
              .healthPath(idsAndPaths[i + 1])
              .build(),
          Versioned.NEW);
    }
  }

  Map<String, Object> fixture(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/events/" + name)) {
      return handler
          .getApplicationContext()
          .getBean(JsonMapper.class)
          .readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
    }
  }

  VantageHealth stored(String id) {
    List<VantageHealth> all =
        handler.getApplicationContext().getBean(HealthStore.class).list(SERVICE);
    return all.stream()
        .filter(h -> h.endpoint().value().equals(id) && h.vantage().equals(VANTAGE))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no health record for " + id + " in " + all));
  }

  @Test
  void scheduledEvent_probesForTheRestOfTheBudget_andWritesOnlyChanges() throws IOException {
    register("good", "/ok", "bad", "/broken");

    ProbeSummary s = handler.handleRequest(fixture("scheduled-event.json"), CONTEXT);

    // Probes at 0 s and 1 s (each must end before the 2 s deadline).
    assertThat(s.vantage()).isEqualTo("eu-west-1");
    assertThat(s.shard()).isZero();
    assertThat(s.shards()).isEqualTo(1);
    assertThat(s.endpoints()).isEqualTo(2);
    assertThat(s.cycles()).isBetween(2, 3);
    assertThat(s.probes()).isEqualTo(4);
    assertThat(s.failures()).isEqualTo(2);
    assertThat(s.transitions()).as("good: UNKNOWN -> UP after rise 2").isEqualTo(1);
    assertThat(s.writes())
        .as("first records, good's transition, bad's pending evidence at the end")
        .isEqualTo(4);
    assertThat(s.writesSaved()).as("bad's unchanged second record").isEqualTo(1);
    assertThat(stored("good").state()).isEqualTo(HealthState.UP);
    assertThat(stored("bad").state()).isEqualTo(HealthState.UNKNOWN);
    assertThat(stored("bad").consecutiveFail()).isEqualTo(2);
    assertThat(stored("bad").lastFailure()).hasValue("status 500");
  }

  @Test
  void aWarmInvocation_continuesCountingFromTheStoredRecords() throws IOException {
    register("bad", "/broken");

    handler.handleRequest(fixture("scheduled-event.json"), CONTEXT);
    ProbeSummary second = handler.handleRequest(fixture("scheduled-event.json"), CONTEXT);

    assertThat(second.transitions()).as("third failure: UNKNOWN -> DOWN").isEqualTo(1);
    assertThat(stored("bad").state()).isEqualTo(HealthState.DOWN);
  }

  @Test
  void shardInput_probesOnlyThatShardsEndpoints() throws IOException {
    String[] reg = new String[20];
    for (int i = 0; i < 10; i++) {
      reg[2 * i] = "ep-" + i;
      reg[2 * i + 1] = "/ok";
    }
    register(reg);
    int inShard1 = 0;
    for (int i = 0; i < 10; i++) {
      Endpoint e =
          Endpoint.builder(SERVICE, EndpointId.of("ep-" + i), Region.of("us-east-1"), "127.0.0.1")
              .build();
      inShard1 += new Shard(1, 2).owns(e) ? 1 : 0;
    }

    ProbeSummary s = handler.handleRequest(fixture("scheduled-shard-input.json"), CONTEXT);

    assertThat(s.shard()).isEqualTo(1);
    assertThat(s.shards()).isEqualTo(2);
    assertThat(s.endpoints()).isEqualTo(inShard1).isBetween(1, 9);
  }

  @Test
  void noTimeLeft_probesNothing() throws IOException {
    register("good", "/ok");

    ProbeSummary s =
        handler.handleRequest(
            fixture("scheduled-event.json"), new FixedLambdaContext(Duration.ofSeconds(4)));

    assertThat(s.probes()).isZero();
  }

  @Test
  void aScheduledEventWithoutShard_isRejected_whenThereAreSeveralShards() throws IOException {
    Map<String, Object> event = fixture("scheduled-event.json");
    handler.getApplicationContext().getBean(ProbeProperties.class).setShards(3);

    assertThatThrownBy(() -> handler.handleRequest(event, CONTEXT))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("shard")
        .hasMessageContaining("3 shards");
  }

  @Test
  void theLambdaRuntimeConstructor_enablesTheProbeBeans() {
    // What AWS calls: the no-argument constructor and Micronaut's Lambda context builder.
    System.setProperty("meridian.route53.hosted-zone-id", "Z0123456789ABC");
    try (ProbeHandler lambda = new ProbeHandler()) {
      ApplicationContext ctx = lambda.getApplicationContext();
      assertThat(ctx.getProperty("meridian.probe.enabled", Boolean.class)).hasValue(true);
      assertThat(ctx.getBean(dev.meridian.app.probe.ProbeService.class).config().vantage().code())
          .isEqualTo(System.getProperty("aws.region"));
    } finally {
      System.clearProperty("meridian.route53.hosted-zone-id");
    }
  }
}
