package dev.meridian.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.health.Verdict;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AggregatedHealthStore.State;
import dev.meridian.core.port.ConflictException;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteTables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The aggregator's state item on dynalite: round trip, optimistic concurrency, item shape. */
@ExtendWith(DynaliteExtension.class)
class DynamoDbAggregatedHealthStoreTest {
  static final ServiceName SVC = ServiceName.of("api.example.com");

  DynamoDbClient dynamo;
  TableNames tables;
  DynamoDbAggregatedHealthStore store;

  @BeforeEach
  void setUp(DynamoDbClient client) {
    dynamo = client;
    tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(client, tables);
    store = new DynamoDbAggregatedHealthStore(client, tables, StoreSettings.DEFAULT);
  }

  static State announced(Verdict v, List<AuditEvent> unrecorded) {
    return new State(
        new AggregatedHealth(
            SVC, Map.of(EndpointId.of("ep-1"), v), Map.of(Region.of("eu-west-1"), v)),
        unrecorded);
  }

  @Test
  void savesAndFinds_verdictsAndUnrecordedEvents_withVersions() {
    AuditEvent e =
        new AuditEvent(
            SVC,
            "0000000000000001",
            Instant.parse("2026-12-01T10:00:00.123Z"),
            AuditEvent.Kind.REGION_TRANSITION,
            "aggregator",
            "region eu-west-1 HEALTHY -> UNHEALTHY",
            Map.of("region", "eu-west-1", "from", "HEALTHY", "to", "UNHEALTHY"));
    assertThat(store.find(SVC)).isEmpty();

    Versioned<State> first = store.save(State.initial(SVC), Versioned.NEW);
    Versioned<State> second = store.save(announced(Verdict.UNHEALTHY, List.of(e)), 1);

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(store.find(SVC)).contains(second);
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
        dynamo
            .getItem(
                r ->
                    r.tableName(tables.control())
                        .key(Attr.key("SVC#api.example.com", "AGGREGATE"))
                        .consistentRead(true))
            .item();
    assertThat(item.get("version").n()).isEqualTo("2");
    assertThat(item.get("regions").m().get("eu-west-1").s()).isEqualTo("UNHEALTHY");
    assertThat(item).doesNotContainKey(Attr.EXPIRES_AT);
  }

  @Test
  void aLostRace_isAConflict_andTheStoredStateIsKept() {
    store.save(State.initial(SVC), Versioned.NEW);
    store.save(announced(Verdict.UNHEALTHY, List.of()), 1);

    assertThatThrownBy(() -> store.save(announced(Verdict.HEALTHY, List.of()), 1))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> store.save(State.initial(SVC), Versioned.NEW))
        .isInstanceOf(ConflictException.class);
    assertThat(store.find(SVC).orElseThrow().value().verdicts().region(Region.of("eu-west-1")))
        .isEqualTo(Verdict.UNHEALTHY);
  }

  @Test
  void healthySince_roundTrips_asAnIsoStringPerHealthyEndpoint() {
    Instant since = Instant.parse("2026-12-01T09:58:00.250Z");
    EndpointId a = EndpointId.of("ep-1");
    EndpointId b = EndpointId.of("ep-2");
    State s =
        new State(
            new AggregatedHealth(
                SVC,
                Map.of(a, Verdict.HEALTHY, b, Verdict.UNHEALTHY),
                Map.of(Region.of("eu-west-1"), Verdict.HEALTHY),
                Map.of(a, since)),
            List.of());

    Versioned<State> saved = store.save(s, Versioned.NEW);

    assertThat(store.find(SVC)).contains(saved);
    assertThat(store.find(SVC).orElseThrow().value().verdicts().healthySince(a)).contains(since);
    var item = item();
    assertThat(item.get("healthySince").m())
        .containsOnlyKeys("ep-1")
        .extractingByKey("ep-1")
        .extracting(AttributeValue::s)
        .isEqualTo("2026-12-01T09:58:00.250Z");
  }

  @Test
  void anItemWrittenBeforeHealthySince_readsWithoutIt() {
    dynamo.putItem(
        r ->
            r.tableName(tables.control())
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS("SVC#api.example.com"),
                        "sk", AttributeValue.fromS("AGGREGATE"),
                        "service", AttributeValue.fromS("api.example.com"),
                        "version", AttributeValue.fromN("3"),
                        "endpoints",
                            AttributeValue.fromM(
                                Map.of("ep-1", AttributeValue.fromS("HEALTHY"))))));

    Versioned<State> found = store.find(SVC).orElseThrow();

    assertThat(found.version()).isEqualTo(3);
    assertThat(found.value().verdicts().endpoint(EndpointId.of("ep-1"))).isEqualTo(Verdict.HEALTHY);
    assertThat(found.value().verdicts().healthySince()).isEmpty();
  }

  @Test
  void aHealthySinceOfAnEndpointNotHealthy_isIgnoredOnRead() {
    dynamo.putItem(
        r ->
            r.tableName(tables.control())
                .item(
                    Map.of(
                        "pk", AttributeValue.fromS("SVC#api.example.com"),
                        "sk", AttributeValue.fromS("AGGREGATE"),
                        "service", AttributeValue.fromS("api.example.com"),
                        "version", AttributeValue.fromN("1"),
                        "endpoints",
                            AttributeValue.fromM(Map.of("ep-1", AttributeValue.fromS("UNHEALTHY"))),
                        "healthySince",
                            AttributeValue.fromM(
                                Map.of("ep-1", AttributeValue.fromS("2026-12-01T09:58:00Z"))))));

    assertThat(store.find(SVC).orElseThrow().value().verdicts().healthySince()).isEmpty();
  }

  private Map<String, AttributeValue> item() {
    return dynamo
        .getItem(
            r ->
                r.tableName(tables.control())
                    .key(Attr.key("SVC#api.example.com", "AGGREGATE"))
                    .consistentRead(true))
        .item();
  }
}
