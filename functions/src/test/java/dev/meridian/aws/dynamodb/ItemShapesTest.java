package dev.meridian.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.contract.Fixtures;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteTables;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The stored items look the way docs/data-model.md says (keys, version, TTL attributes). */
@ExtendWith(DynaliteExtension.class)
class ItemShapesTest {
  static DynamoDbClient dynamo;
  static TableNames tables;
  static DynamoDbStores stores;

  @BeforeAll
  static void createTables(DynamoDbClient client) {
    dynamo = client;
    tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(client, tables);
    TableBootstrap.createIfMissing(client, tables); // idempotent
    stores = DynamoDbStores.create(client, tables);
  }

  static Map<String, AttributeValue> item(String table, String pk, String sk) {
    return dynamo
        .getItem(r -> r.tableName(table).key(Attr.key(pk, sk)).consistentRead(true))
        .item();
  }

  @Test
  void bootstrap_createsThreeKeyedOnDemandTables_withAStreamOnHealth() {
    // dynalite accepts a StreamSpecification but does not describe it: look at the requests.
    List<CreateTableRequest> creates = new ArrayList<>();
    DynamoDbClient recording =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (p, m, a) -> {
                  if (a != null && a.length == 1 && a[0] instanceof CreateTableRequest r) {
                    creates.add(r);
                  }
                  try {
                    return m.invoke(dynamo, a);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    TableNames fresh = TableNames.withPrefix(DynaliteTables.uniquePrefix());

    TableBootstrap.createIfMissing(recording, fresh);

    assertThat(creates)
        .extracting(CreateTableRequest::tableName)
        .containsExactly(fresh.endpoints(), fresh.health(), fresh.control());
    for (CreateTableRequest r : creates) {
      assertThat(r.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
      assertThat(r.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(r.streamSpecification() != null).isEqualTo(r.tableName().equals(fresh.health()));
    }
    assertThat(creates.get(1).streamSpecification().streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    for (String t : List.of(fresh.endpoints(), fresh.health(), fresh.control())) {
      assertThat(dynamo.describeTable(r -> r.tableName(t)).table().tableStatusAsString())
          .isEqualTo("ACTIVE");
    }
  }

  @Test
  void serviceAndEndpointItems_shareTheServicePartition_withANumericVersion() {
    ServiceName s = Fixtures.uniqueService();
    stores.endpoints().saveService(Fixtures.simpleConfig(s), Versioned.NEW);
    stores.endpoints().saveEndpoint(Fixtures.richEndpoint(s, "eu-1"), Versioned.NEW);

    Map<String, AttributeValue> config = item(tables.endpoints(), "SVC#" + s, "CONFIG");
    Map<String, AttributeValue> ep = item(tables.endpoints(), "SVC#" + s, "EP#eu-1");

    assertThat(config.get("version").n()).isEqualTo("1");
    assertThat(config.get("ttl").s()).isEqualTo("PT30S");
    assertThat(ep.get("version").n()).isEqualTo("1");
    assertThat(ep.get("address").s()).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(config).doesNotContainKey("expiresAt");
  }

  @Test
  void itemsWrittenBeforeDrainsRamped_stillRead_withNoDrainAndTheDefaultDuration() {
    ServiceName s = Fixtures.uniqueService();
    stores.endpoints().saveService(Fixtures.config(s), Versioned.NEW);
    Endpoint draining =
        Fixtures.endpoint(s, "us-1", Region.of("us-east-1"), "app.us.example.com")
            .withDrainStartedAt(Optional.of(Instant.parse("2026-03-01T12:00:00Z")));
    stores.endpoints().saveEndpoint(draining, Versioned.NEW);
    assertThat(item(tables.endpoints(), "SVC#" + s, "EP#us-1").get("drainStartedAt").s())
        .isEqualTo("2026-03-01T12:00:00Z");
    assertThat(item(tables.endpoints(), "SVC#" + s, "CONFIG").get("drainDuration").s())
        .isEqualTo("PT2M30S");

    // An item of an older version has neither attribute.
    for (String sk : List.of("CONFIG", "EP#us-1")) {
      dynamo.updateItem(
          r ->
              r.tableName(tables.endpoints())
                  .key(Attr.key("SVC#" + s, sk))
                  .updateExpression("REMOVE drainStartedAt, drainDuration"));
    }

    assertThat(stores.endpoints().findService(s).orElseThrow().value().drainDuration())
        .isEqualTo(ServiceConfig.DEFAULT_DRAIN);
    assertThat(stores.endpoints().findEndpoint(s, EndpointId.of("us-1")).orElseThrow().value())
        .isEqualTo(draining.withDrainStartedAt(Optional.empty()));
  }

  @Test
  void healthItems_carryATtlAfterTheirLastProbe_andNoVersion() {
    ServiceName s = Fixtures.uniqueService();
    stores
        .health()
        .putAll(List.of(Fixtures.health(s, "a", Fixtures.US_EAST_1, HealthState.UP, Fixtures.T0)));

    Map<String, AttributeValue> h = item(tables.health(), "SVC#" + s, "EP#a#V#us-east-1");

    assertThat(h.get("expiresAt").n())
        .isEqualTo(Long.toString(Fixtures.T0.plus(Duration.ofDays(7)).getEpochSecond()));
    assertThat(h).doesNotContainKey("version");
  }

  @Test
  void planItems_holdTheFencingToken_andTheRegionsAsNestedMaps() {
    ServiceName s = Fixtures.uniqueService();
    stores.plans().save(Fixtures.published(s, 55, 9), Versioned.NEW);

    Map<String, AttributeValue> p = item(tables.control(), "SVC#" + s, "PLAN");

    assertThat(p.get("fencingToken").n()).isEqualTo("9");
    assertThat(p.get("version").n()).isEqualTo("1");
    assertThat(p.get("plan").m().get("regions").l()).hasSize(2);
    assertThat(p).doesNotContainKey("expiresAt");
  }

  @Test
  void drills_haveNoTtlWhileTheyCanAct_andTheAuditRetentionOnceTerminal() {
    ServiceName s = Fixtures.uniqueService();
    var active = Fixtures.drill(s, "d1", Fixtures.T0, DrillState.ACTIVE);
    stores.drills().save(active, Versioned.NEW);
    assertThat(item(tables.control(), "SVC#" + s, "DRILL#d1")).doesNotContainKey("expiresAt");

    var done = active.withState(DrillState.COMPLETED, "expired", Fixtures.T0.plusSeconds(1800));
    stores.drills().save(done, 1);

    Map<String, AttributeValue> d = item(tables.control(), "SVC#" + s, "DRILL#d1");
    assertThat(d.get("expiresAt").n())
        .isEqualTo(
            Long.toString(
                Fixtures.T0.plusSeconds(1800).plus(Duration.ofDays(30)).getEpochSecond()));
    assertThat(d.get("drillExpiresAt").s()).isEqualTo(active.expiresAt().toString());
  }

  @Test
  void auditEvents_sortByTimeThenId_andExpireAfter30Days() {
    ServiceName s = Fixtures.uniqueService();
    stores.audit().append(Fixtures.event(s, "evt-1", Fixtures.T0));

    String sk = String.format("%015d#evt-1", Fixtures.T0.toEpochMilli());
    Map<String, AttributeValue> e = item(tables.control(), "AUDIT#" + s, sk);

    assertThat(e.get("expiresAt").n())
        .isEqualTo(Long.toString(Fixtures.T0.plus(Duration.ofDays(30)).getEpochSecond()));
    assertThat(e.get("details").m()).containsKeys("from", "to", "votes");
  }

  @Test
  void leaseItems_keepTheirTokenAfterRelease_andNeverUseTheTableTtl() {
    String key = Fixtures.uniqueKey("sched");
    var lease =
        stores.leases().tryAcquire(key, "a", Duration.ofSeconds(30), Fixtures.T0).orElseThrow();
    stores.leases().release(lease);

    Map<String, AttributeValue> l = item(tables.control(), "LEASE#" + key, "LEASE");

    assertThat(l.get("fencingToken").n()).isEqualTo("1");
    assertThat(l).doesNotContainKeys("holder", "expiresAt");
    assertThat(l.get("leaseUntil").n()).isEqualTo("0");
  }
}
