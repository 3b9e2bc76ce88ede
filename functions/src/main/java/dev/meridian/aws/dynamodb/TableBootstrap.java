package dev.meridian.aws.dynamodb;

import dev.meridian.aws.Sleeper;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates Meridian's three tables when they are missing, for local mode and tests (on AWS the CDK
 * creates them, with TTL on {@code expiresAt} and global-table replicas). All three are on-demand,
 * keyed by {@code pk} (S) + {@code sk} (S); the health table has a NEW_AND_OLD_IMAGES stream.
 */
public final class TableBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(TableBootstrap.class);
  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(20);

  private TableBootstrap() {}

  /** Creates whichever of the tables does not exist and waits until all are ACTIVE. */
  public static void createIfMissing(DynamoDbClient client, TableNames tables) {
    try {
      create(client, tables.endpoints(), false);
      create(client, tables.health(), true);
      create(client, tables.control(), false);
      for (String t : List.of(tables.endpoints(), tables.health(), tables.control())) {
        awaitActive(client, t);
      }
    } catch (SdkException e) {
      throw DynamoErrors.translate("create tables", e);
    }
  }

  private static void create(DynamoDbClient client, String table, boolean stream) {
    if (exists(client, table)) {
      return;
    }
    CreateTableRequest.Builder req =
        CreateTableRequest.builder()
            .tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(
                AttributeDefinition.builder()
                    .attributeName(Attr.PK)
                    .attributeType(ScalarAttributeType.S)
                    .build(),
                AttributeDefinition.builder()
                    .attributeName(Attr.SK)
                    .attributeType(ScalarAttributeType.S)
                    .build())
            .keySchema(
                KeySchemaElement.builder().attributeName(Attr.PK).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(Attr.SK).keyType(KeyType.RANGE).build());
    if (stream) {
      req.streamSpecification(
          StreamSpecification.builder()
              .streamEnabled(true)
              .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
              .build());
    }
    try {
      client.createTable(req.build());
      LOG.info("table.created table={} stream={}", table, stream);
    } catch (ResourceInUseException raced) {
      // Another process created it between our check and our call: fine.
    }
  }

  private static boolean exists(DynamoDbClient client, String table) {
    try {
      client.describeTable(DescribeTableRequest.builder().tableName(table).build());
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private static void awaitActive(DynamoDbClient client, String table) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (client
            .describeTable(DescribeTableRequest.builder().tableName(table).build())
            .table()
            .tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(table + " is not ACTIVE after " + ACTIVE_TIMEOUT);
      }
      try {
        Sleeper.SYSTEM.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + table, e);
      }
    }
  }
}
