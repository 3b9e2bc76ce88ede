package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Single-item optimistic concurrency on the {@code version} attribute: {@link Versioned#NEW}
 * creates ({@code attribute_not_exists(pk)}), a positive version must match ({@code version =
 * :expected}). A failed condition is classified by reading the item back (strongly consistent):
 * {@link ConflictException} when it exists at another version (or exists on create), {@link
 * NotFoundException} when it is gone. No transactions anywhere.
 */
final class VersionedWrites {
  private VersionedWrites() {}

  static final String COND_CREATE = "attribute_not_exists(pk)";
  static final String COND_VERSION = "#version = :expected";

  /**
   * Puts the item built for the next version.
   *
   * @return the version written
   */
  static long put(
      DynamoDbClient client,
      String table,
      LongFunction<Map<String, AttributeValue>> itemForVersion,
      long expected,
      String what) {
    requireExpected(expected);
    long next = expected + 1;
    Map<String, AttributeValue> item = itemForVersion.apply(next);
    try {
      if (expected == Versioned.NEW) {
        client.putItem(r -> r.tableName(table).item(item).conditionExpression(COND_CREATE));
      } else {
        client.putItem(
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression(COND_VERSION)
                    .expressionAttributeNames(Map.of("#version", Attr.VERSION))
                    .expressionAttributeValues(Map.of(":expected", Attr.n(expected))));
      }
      return next;
    } catch (ConditionalCheckFailedException e) {
      throw classify(client, table, keyOf(item), expected, what, e);
    } catch (SdkException e) {
      throw DynamoErrors.translate("put " + what, e);
    }
  }

  /** Deletes the item if it is at {@code expected} (at least 1). */
  static void delete(
      DynamoDbClient client,
      String table,
      Map<String, AttributeValue> key,
      long expected,
      String what) {
    if (expected < 1) {
      throw new InvalidValueException("expectedVersion", expected, "must be >= 1 for a delete");
    }
    try {
      client.deleteItem(
          r ->
              r.tableName(table)
                  .key(key)
                  .conditionExpression(COND_VERSION)
                  .expressionAttributeNames(Map.of("#version", Attr.VERSION))
                  .expressionAttributeValues(Map.of(":expected", Attr.n(expected))));
    } catch (ConditionalCheckFailedException e) {
      throw classify(client, table, key, expected, what, e);
    } catch (SdkException e) {
      throw DynamoErrors.translate("delete " + what, e);
    }
  }

  static void requireExpected(long expected) {
    if (expected < 0) {
      throw new InvalidValueException("expectedVersion", expected, "must be >= 0");
    }
  }

  /** Reads the item strongly consistently; empty when absent. */
  static Optional<Map<String, AttributeValue>> get(
      DynamoDbClient client, String table, Map<String, AttributeValue> key, String what) {
    try {
      var res = client.getItem(r -> r.tableName(table).key(key).consistentRead(true));
      return res.hasItem() && !res.item().isEmpty() ? Optional.of(res.item()) : Optional.empty();
    } catch (SdkException e) {
      throw DynamoErrors.translate("get " + what, e);
    }
  }

  /**
   * Every item under partition {@code pk} whose sort key starts with {@code skPrefix}, strongly
   * consistent, all pages; only their keys when {@code keysOnly}.
   */
  static List<Map<String, AttributeValue>> queryPrefix(
      DynamoDbClient client,
      String table,
      String pk,
      String skPrefix,
      boolean keysOnly,
      String what) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    try {
      client
          .queryPaginator(
              r -> {
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Attr.PK, "#sk", Attr.SK))
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", AttributeValue.fromS(pk),
                            ":prefix", AttributeValue.fromS(skPrefix)));
                if (keysOnly) {
                  r.projectionExpression("#pk, #sk");
                }
              })
          .items()
          .forEach(out::add);
    } catch (SdkException e) {
      throw DynamoErrors.translate(what, e);
    }
    return out;
  }

  static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return Map.of(Attr.PK, item.get(Attr.PK), Attr.SK, item.get(Attr.SK));
  }

  static StoreException classify(
      DynamoDbClient client,
      String table,
      Map<String, AttributeValue> key,
      long expected,
      String what,
      ConditionalCheckFailedException cause) {
    Optional<Map<String, AttributeValue>> now = get(client, table, key, what);
    if (expected == Versioned.NEW) {
      return new ConflictException(
          what + " already exists (version " + now.map(Attr::version).orElse(-1L) + ")", cause);
    }
    if (now.isEmpty()) {
      // NotFoundException carries no cause: the failed condition says nothing more than this.
      return new NotFoundException(what + " does not exist (expected version " + expected + ")");
    }
    return new ConflictException(
        what + " is at version " + Attr.version(now.get()) + ", not " + expected, cause);
  }
}
