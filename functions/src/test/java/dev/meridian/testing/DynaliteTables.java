package dev.meridian.testing;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Table names that do not collide between test classes sharing one dynalite server, and a shortcut
 * for the simple tables most adapter tests need.
 */
public final class DynaliteTables {

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN_ID =
      HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

  private DynaliteTables() {}

  /**
   * A prefix unique within this JVM (and, with high probability, across JVMs sharing a server),
   * e.g. {@code t3f9a1c-7-}. Take one per test class and prepend it to every table name.
   */
  public static String uniquePrefix() {
    return "t" + RUN_ID + "-" + COUNTER.incrementAndGet() + "-";
  }

  /** {@code uniquePrefix() + base}, e.g. {@code t3f9a1c-8-endpoints}. */
  public static String uniqueName(String base) {
    return uniquePrefix() + base;
  }

  /**
   * Creates an on-demand table with one string partition key and waits until it is ACTIVE.
   *
   * @return the table name, for chaining
   */
  public static String createHashKeyTable(DynamoDbClient client, String table, String hashKey) {
    client.createTable(
        r ->
            r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(hashKey)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName(hashKey)
                        .keyType(KeyType.HASH)
                        .build()));
    awaitActive(client, table);
    return table;
  }

  /**
   * Waits until the table is ACTIVE. The SDK's waiter polls every 20 s; dynalite started with
   * {@code --createTableMs 0} is ready within milliseconds, so poll quickly instead.
   */
  public static void awaitActive(DynamoDbClient client, String table) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (client.describeTable(r -> r.tableName(table)).table().tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(table + " not ACTIVE after " + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + table, e);
      }
    }
  }
}
