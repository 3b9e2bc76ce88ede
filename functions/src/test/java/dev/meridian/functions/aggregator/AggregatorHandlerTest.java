package dev.meridian.functions.aggregator;

import static dev.meridian.functions.HandlerFixtures.SERVICE;
import static dev.meridian.functions.HandlerFixtures.T0;
import static dev.meridian.functions.HandlerFixtures.endpointIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.meridian.app.scheduler.SchedulerTrigger;
import dev.meridian.aws.dynamodb.DynamoDbStores;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.functions.HandlerFixtures;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteServer;
import dev.meridian.testing.DynaliteTables;
import dev.meridian.testing.fakes.InMemoryDnsPublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The aggregator Lambda handler in-process, with real DynamoDB Streams event JSON, the real
 * DynamoDB adapters (configured by properties, as on Lambda) on dynalite and a recording scheduler
 * trigger.
 */
@ExtendWith(DynaliteExtension.class)
class AggregatorHandlerTest {
  private final List<Set<ServiceName>> triggers = new CopyOnWriteArrayList<>();
  private DynamoDbStores stores;
  private Map<String, Object> properties;
  private AggregatorHandler handler;

  @BeforeEach
  void setUp(DynamoDbClient dynamo, DynaliteServer dynalite) {
    TableNames tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    stores = HandlerFixtures.stores(dynamo, tables);
    HandlerFixtures.seedHealthyService(stores);
    HandlerFixtures.seedAnnouncedHealthy(dynamo, tables);
    properties = new HashMap<>();
    properties.put("aws.region", "us-east-1");
    properties.put("micronaut.server.port", -1);
    properties.put("meridian.vantage", "us-east-1");
    properties.put("meridian.tables.prefix", tables.endpoints().replace("endpoints", ""));
    properties.put("meridian.aws.dynamodb-endpoint", dynalite.endpoint().toString());
    // Local mode's arrangement: no Route 53 client; the aggregator never publishes anyway.
    properties.put("meridian.dns.publisher", "local");
    handler = handler(properties);
  }

  /** The handler over the real adapter wiring, configured like the Lambda (env → properties). */
  private AggregatorHandler handler(Map<String, Object> props) {
    return new AggregatorHandler(
        ApplicationContext.builder()
            .properties(props)
            .singletons(
                new InMemoryDnsPublisher(),
                (SchedulerTrigger) triggers::add,
                Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC)));
  }

  @AfterEach
  void tearDown() {
    handler.close();
  }

  /** Stores the records the fixture's NewImages describe, as the probe wrote them. */
  private void applyNewImages(String... vantages) {
    for (String v : vantages) {
      stores
          .health()
          .putAll(
              List.of(
                  HandlerFixtures.vote(
                      endpointIn(Region.of("us-east-1")), Region.of(v), HealthState.DOWN, T0)));
    }
  }

  @Test
  void streamBatch_whereAQuorumOfVantagesFails_auditsTheTransitions_andTriggersTheScheduler() {
    applyNewImages("us-east-1", "eu-west-1");
    DynamodbEvent event =
        HandlerFixtures.event("dynamodb-stream-health-batch.json", DynamodbEvent.class);

    StreamsEventResponse response = handler.handleRequest(event, new MockLambdaContext());

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(triggers).containsExactly(Set.of(SERVICE));
    var audit = stores.audit().list(SERVICE, Optional.empty(), 50).items();
    assertThat(audit)
        .extracting(AuditEvent::kind)
        .containsExactlyInAnyOrder(
            AuditEvent.Kind.HEALTH_TRANSITION, AuditEvent.Kind.REGION_TRANSITION);
    AuditEvent endpoint =
        audit.stream()
            .filter(e -> e.kind() == AuditEvent.Kind.HEALTH_TRANSITION)
            .findFirst()
            .orElseThrow();
    assertThat(endpoint.details())
        .containsEntry("endpoint", "ep-us-east-1")
        .containsEntry("from", "HEALTHY")
        .containsEntry("to", "UNHEALTHY")
        .containsEntry("lastFailure", "connect timed out after 2000 ms");
  }

  @Test
  void unreadableRecord_isReportedWithEveryRecordAfterIt_redeliveryRecordsNothingTwice() {
    applyNewImages("us-east-1", "ap-southeast-2");
    DynamodbEvent event =
        HandlerFixtures.event("dynamodb-stream-bad-record.json", DynamodbEvent.class);

    StreamsEventResponse response = handler.handleRequest(event, new MockLambdaContext());

    assertThat(response.getBatchItemFailures())
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("4421584500000000017450439102", "4421584500000000017450439103");
    // Record 1 meets ap-southeast-2's DOWN already in the table (record 3's write): one transition.
    assertThat(triggers).containsExactly(Set.of(SERVICE));
    assertThat(transitionsRecorded()).isEqualTo(2);

    // Lambda redelivers from record 2 (repaired here); the transition is not recorded again.
    DynamodbEvent redelivered =
        HandlerFixtures.event("dynamodb-stream-bad-record.json", DynamodbEvent.class);
    redelivered.getRecords().remove(0);
    redelivered
        .getRecords()
        .get(0)
        .getDynamodb()
        .getNewImage()
        .put(
            "state",
            new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue()
                .withS("UP"));
    StreamsEventResponse second = handler.handleRequest(redelivered, new MockLambdaContext());

    assertThat(second.getBatchItemFailures()).isEmpty();
    assertThat(transitionsRecorded()).isEqualTo(2);
  }

  private long transitionsRecorded() {
    return stores.audit().list(SERVICE, Optional.empty(), 50).items().stream()
        .filter(
            e ->
                e.kind() == AuditEvent.Kind.HEALTH_TRANSITION
                    || e.kind() == AuditEvent.Kind.REGION_TRANSITION)
        .count();
  }

  @Test
  void ownVantageOnly_skipsRecordsOtherVantagesWrote() {
    applyNewImages("us-east-1", "eu-west-1");
    handler.close();
    properties.put("meridian.vantage", "ap-southeast-2");
    properties.put("meridian.aggregator.own-vantage-only", true);
    handler = handler(properties);

    StreamsEventResponse response =
        handler.handleRequest(
            HandlerFixtures.event("dynamodb-stream-health-batch.json", DynamodbEvent.class),
            new MockLambdaContext());

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(triggers).isEmpty();
    assertThat(transitionsRecorded()).isZero();
  }

  @Test
  void healthTableDown_reportsTheWholeBatchForRedelivery(DynaliteServer server) {
    applyNewImages("us-east-1", "eu-west-1");
    DynamodbEvent event =
        HandlerFixtures.event("dynamodb-stream-health-batch.json", DynamodbEvent.class);
    server.stop();
    try {
      StreamsEventResponse response = handler.handleRequest(event, new MockLambdaContext());

      assertThat(response.getBatchItemFailures())
          .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
          .containsExactly("4421584500000000017450439091", "4421584500000000017450439092");
      assertThat(triggers).isEmpty();
    } finally {
      server.start();
    }
  }
}
