package dev.meridian.aws.dynamodb;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.meridian.aws.AwsClientSettings;
import dev.meridian.aws.AwsClients;
import dev.meridian.aws.ManualClock;
import dev.meridian.aws.RecordingSleeper;
import dev.meridian.contract.Fixtures;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteTables;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How the DynamoDB adapters behave when DynamoDB does not cooperate: unprocessed batch items,
 * throttling, an unreachable endpoint, a request rejected as invalid.
 */
@ExtendWith(DynaliteExtension.class)
class DynamoDbFailureModesTest {
  static DynamoDbClient dynamo;
  static TableNames tables;

  @BeforeAll
  static void createTables(DynamoDbClient client) {
    dynamo = client;
    tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(client, tables);
  }

  /**
   * A client that, on the first {@code unprocessedRounds} BatchWriteItem calls, writes only the
   * first half of the items and returns the rest as UnprocessedItems (dynalite never does).
   */
  static DynamoDbClient leavingHalfUnprocessed(int unprocessedRounds, AtomicInteger batchCalls) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getName().equals("batchWriteItem")
              && args != null
              && args[0] instanceof BatchWriteItemRequest req) {
            int call = batchCalls.incrementAndGet();
            if (call <= unprocessedRounds) {
              var entry = req.requestItems().entrySet().iterator().next();
              List<WriteRequest> all = entry.getValue();
              int half = all.size() / 2;
              if (half > 0) {
                dynamo.batchWriteItem(
                    r -> r.requestItems(Map.of(entry.getKey(), all.subList(0, half))));
              }
              return BatchWriteItemResponse.builder()
                  .unprocessedItems(Map.of(entry.getKey(), all.subList(half, all.size())))
                  .build();
            }
          }
          try {
            return method.invoke(dynamo, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, h);
  }

  static List<VantageHealth> records(ServiceName s, int n) {
    List<VantageHealth> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Fixtures.health(
              s, String.format("e%02d", i), Fixtures.US_EAST_1, HealthState.UP, Fixtures.T0));
    }
    return out;
  }

  @Test
  void unprocessedItems_areRetriedWithBackoff_untilAllAreWritten() {
    AtomicInteger calls = new AtomicInteger();
    RecordingSleeper sleeper = new RecordingSleeper(new ManualClock(Fixtures.T0));
    DynamoDbHealthStore store =
        new DynamoDbHealthStore(
            leavingHalfUnprocessed(3, calls),
            tables,
            StoreSettings.DEFAULT,
            sleeper,
            new SplittableRandom(3));
    ServiceName s = Fixtures.uniqueService();

    store.putAll(records(s, 20));

    assertThat(store.list(s)).containsExactlyElementsOf(records(s, 20));
    assertThat(store.unprocessedRetries()).isEqualTo(3);
    assertThat(calls.get()).isEqualTo(4);
    assertThat(sleeper.sleeps()).hasSize(3);
    // Full jitter under a doubling ceiling: 50 ms, 100 ms, 200 ms.
    for (int i = 0; i < 3; i++) {
      assertThat(sleeper.sleeps().get(i)).isLessThanOrEqualTo(Duration.ofMillis(50L << i));
    }
  }

  @Test
  void unprocessedItems_beyondTheAttemptLimit_areReportedAsUnavailable() {
    AtomicInteger calls = new AtomicInteger();
    StoreSettings settings =
        new StoreSettings(
            StoreSettings.DEFAULT_AUDIT_RETENTION,
            StoreSettings.DEFAULT_HEALTH_RETENTION,
            3,
            Duration.ofMillis(10),
            Duration.ofMillis(40));
    DynamoDbHealthStore store =
        new DynamoDbHealthStore(
            leavingHalfUnprocessed(100, calls),
            tables,
            settings,
            new RecordingSleeper(null),
            new SplittableRandom(3));

    assertThatThrownBy(() -> store.putAll(records(Fixtures.uniqueService(), 8)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("unprocessed")
        .hasMessageContaining("3 attempts");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void aBatchOf60_isSentAs25_25_10() {
    List<Integer> sizes = new ArrayList<>();
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getName().equals("batchWriteItem")
              && args[0] instanceof BatchWriteItemRequest r) {
            sizes.add(r.requestItems().values().iterator().next().size());
          }
          try {
            return method.invoke(dynamo, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    DynamoDbClient counting =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, h);
    DynamoDbHealthStore store = new DynamoDbHealthStore(counting, tables);

    store.putAll(records(Fixtures.uniqueService(), 60));

    assertThat(sizes).containsExactly(25, 25, 10);
  }

  @Test
  void throttlingBeyondTheSdkRetries_isStoreUnavailable_withTheCause() {
    DynamoDbClient throttled =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (p, m, a) -> {
                  throw ProvisionedThroughputExceededException.builder()
                      .message(
                          "The level of configured provisioned throughput for the table was exceeded.")
                      .statusCode(400)
                      .build();
                });
    DynamoDbStores stores = DynamoDbStores.create(throttled, tables);
    ServiceName s = Fixtures.uniqueService();

    assertThatThrownBy(
            () -> stores.endpoints().saveService(Fixtures.simpleConfig(s), Versioned.NEW))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("throttling")
        .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
    assertThatThrownBy(() -> stores.health().putAll(records(s, 2)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> stores.audit().list(s, Optional.empty(), 5))
        .isInstanceOf(StoreUnavailableException.class);
  }

  static final String THROTTLED =
      "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
          + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}";

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.0")
        .withBody(body);
  }

  @Test
  void theSdkRetryStrategy_retriesThrottling_thenSucceeds() {
    WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    try {
      wm.stubFor(
          post(urlEqualTo("/"))
              .inScenario("throttle")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(json(400, THROTTLED))
              .willSetStateTo("once"));
      wm.stubFor(
          post(urlEqualTo("/"))
              .inScenario("throttle")
              .whenScenarioStateIs("once")
              .willReturn(json(400, THROTTLED))
              .willSetStateTo("ok"));
      wm.stubFor(
          post(urlEqualTo("/"))
              .inScenario("throttle")
              .whenScenarioStateIs("ok")
              .willReturn(json(200, "{}")));
      try (DynamoDbClient client =
          testClient(
              URI.create("http://127.0.0.1:" + wm.port()),
              AwsClientSettings.RetryMode.STANDARD,
              3)) {
        assertThat(new DynamoDbPlanStore(client, tables).find(Fixtures.uniqueService())).isEmpty();
      }
      wm.verify(3, postRequestedFor(urlEqualTo("/")));
    } finally {
      wm.stop();
    }
  }

  @Test
  void throttlingThatOutlastsTheSdkRetries_isStoreUnavailable_neverSwallowed() {
    WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wm.start();
    try {
      wm.stubFor(post(urlEqualTo("/")).willReturn(json(400, THROTTLED)));
      try (DynamoDbClient client =
          testClient(
              URI.create("http://127.0.0.1:" + wm.port()),
              AwsClientSettings.RetryMode.STANDARD,
              3)) {
        assertThatThrownBy(
                () -> new DynamoDbPlanStore(client, tables).find(Fixtures.uniqueService()))
            .isInstanceOf(StoreUnavailableException.class)
            .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
      }
      wm.verify(3, postRequestedFor(urlEqualTo("/")));
    } finally {
      wm.stop();
    }
  }

  @Test
  void theRetryMode_selectsTheSdkStrategy() {
    AwsClientSettings base = AwsClientSettings.defaults();
    assertThat(base.retryMode()).isEqualTo(AwsClientSettings.RetryMode.STANDARD);
    assertThat(AwsClients.retryStrategy(base))
        .isInstanceOf(software.amazon.awssdk.retries.StandardRetryStrategy.class)
        .satisfies(
            r -> assertThat(r.maxAttempts()).isEqualTo(AwsClientSettings.DEFAULT_MAX_ATTEMPTS));
    assertThat(
            AwsClients.retryStrategy(
                base.withRetry(
                    AwsClientSettings.RetryMode.ADAPTIVE,
                    7,
                    Duration.ofMillis(10),
                    Duration.ofMillis(100))))
        .isInstanceOf(software.amazon.awssdk.retries.AdaptiveRetryStrategy.class)
        .satisfies(r -> assertThat(r.maxAttempts()).isEqualTo(7));
    assertThatThrownBy(() -> AwsClientSettings.RetryMode.parse("eager"))
        .hasMessageContaining("'eager'");
  }

  @Test
  void anUnreachableStore_isStoreUnavailable_fast() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (DynamoDbClient down =
        testClient(
            URI.create("http://127.0.0.1:" + closedPort),
            AwsClientSettings.RetryMode.STANDARD,
            2)) {
      DynamoDbStores stores = DynamoDbStores.create(down, tables);
      ServiceName s = Fixtures.uniqueService();
      long start = System.nanoTime();

      assertThatThrownBy(() -> stores.endpoints().findService(s))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("unreachable")
          .hasCauseInstanceOf(SdkClientException.class);
      assertThatThrownBy(
              () -> stores.leases().tryAcquire("k", "me", Duration.ofSeconds(5), Fixtures.T0))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.plans().save(Fixtures.published(s, 1, 1), Versioned.NEW))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.health().list(s))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.drills().list(s))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.audit().append(Fixtures.event(s, "e", Fixtures.T0)))
          .isInstanceOf(StoreUnavailableException.class);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aMissingTable_isStoreUnavailable_namingIt() {
    TableNames missing = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    DynamoDbEndpointRepository repo = new DynamoDbEndpointRepository(dynamo, missing);

    assertThatThrownBy(() -> repo.findService(Fixtures.uniqueService()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("table missing");
  }

  @Test
  void aRequestDynamoDbRejectsAsInvalid_isABug_notAnOutage_andKeepsTheCause() {
    software.amazon.awssdk.services.dynamodb.model.DynamoDbException invalid =
        (software.amazon.awssdk.services.dynamodb.model.DynamoDbException)
            software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ValidationException")
                        .errorMessage("Item size has exceeded the maximum allowed size")
                        .build())
                .build();
    DynamoDbClient rejecting =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (p, m, a) -> {
                  throw invalid;
                });

    assertThatThrownBy(
            () ->
                new DynamoDbEndpointRepository(rejecting, tables)
                    .saveService(Fixtures.simpleConfig(Fixtures.uniqueService()), Versioned.NEW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ValidationException: Item size has exceeded")
        .hasCause(invalid);
  }

  static DynamoDbClient testClient(URI endpoint, AwsClientSettings.RetryMode mode, int attempts) {
    return AwsClients.dynamoDb(
        AwsClientSettings.defaults()
            .withRegion("us-east-1")
            .withEndpoint(endpoint)
            .withRetry(mode, attempts, Duration.ofMillis(1), Duration.ofMillis(5))
            .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(5)),
        Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))));
  }
}
