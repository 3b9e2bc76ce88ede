package dev.meridian.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@ExtendWith(DynaliteExtension.class)
class DynaliteExtensionTest {

  private static final String PREFIX = DynaliteTables.uniquePrefix();
  private static String table;

  @BeforeAll
  static void createTable(DynamoDbClient dynamo) {
    table = DynaliteTables.createHashKeyTable(dynamo, PREFIX + "items", "pk");
  }

  @Test
  void servesOnLoopback_andInjectsTheSameServerEverywhere(
      DynaliteServer server, DynaliteServer again) {
    assertThat(server).isSameAs(again);
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.endpoint().getPort()).isEqualTo(server.port()).isPositive();
    assertThat(server.isRunning()).isTrue();
    assertThat(server.logFile()).exists();
  }

  @Test
  void readsBackAnItem_andRejectsAConditionalOverwrite(DynamoDbClient dynamo) {
    Map<String, AttributeValue> item =
        Map.of(
            "pk",
            AttributeValue.fromS("endpoint#eu-west-1#a"),
            "weight",
            AttributeValue.fromN("42"));
    dynamo.putItem(r -> r.tableName(table).item(item));

    Map<String, AttributeValue> read =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS("endpoint#eu-west-1#a")))
                        .consistentRead(true))
            .item();
    assertThat(read).isEqualTo(item);

    Map<String, AttributeValue> overwrite =
        Map.of(
            "pk",
            AttributeValue.fromS("endpoint#eu-west-1#a"),
            "weight",
            AttributeValue.fromN("0"));
    assertThatThrownBy(
            () ->
                dynamo.putItem(
                    r ->
                        r.tableName(table)
                            .item(overwrite)
                            .conditionExpression("attribute_not_exists(pk)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(
            dynamo
                .getItem(
                    r ->
                        r.tableName(table)
                            .key(Map.of("pk", AttributeValue.fromS("endpoint#eu-west-1#a"))))
                .item()
                .get("weight")
                .n())
        .isEqualTo("42");
  }

  @Test
  void keepsData_whenStoppedAndStartedOnTheSamePort(DynamoDbClient dynamo, DynaliteServer server) {
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("survives-restart"));
    dynamo.putItem(r -> r.tableName(table).item(key));
    int port = server.port();

    server.stop();
    try {
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(table).key(key)))
          .isInstanceOf(SdkClientException.class);
    } finally {
      server.start();
    }

    assertThat(server.port()).isEqualTo(port);
    assertThat(dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item())
        .isEqualTo(key);
  }

  @Test
  void uniquePrefixes_doNotRepeat() {
    assertThat(DynaliteTables.uniquePrefix()).isNotEqualTo(DynaliteTables.uniquePrefix());
    assertThat(DynaliteTables.uniqueName("endpoints")).matches("[a-zA-Z0-9_.-]{3,255}");
  }
}
