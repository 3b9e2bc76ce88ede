package dev.meridian.aws.dynamodb;

import dev.meridian.aws.Backoff;
import dev.meridian.aws.Sleeper;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.HealthStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link HealthStore} on the health table: item {@code SVC#<service>} / {@code EP#<id>#V#<vantage>}
 * per endpoint × vantage. Writes are unconditional batch puts: each vantage is the only writer of
 * its items, so global-table last-writer-wins cannot lose another region's vote (ADR 0005). Which
 * records are worth writing is decided before, by {@code DeltaHealthWriter}.
 */
public final class DynamoDbHealthStore implements HealthStore {
  private final DynamoDbClient client;
  private final String table;
  private final StoreSettings settings;
  private final BatchWriter writer;

  public DynamoDbHealthStore(
      DynamoDbClient client,
      TableNames tables,
      StoreSettings settings,
      Sleeper sleeper,
      RandomGenerator random) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.health();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.writer =
        new BatchWriter(
            client,
            settings.batchMaxAttempts(),
            new Backoff(settings.batchBaseBackoff(), settings.batchMaxBackoff(), random),
            sleeper);
  }

  /** With default settings and real sleeps. */
  public DynamoDbHealthStore(DynamoDbClient client, TableNames tables) {
    this(client, tables, StoreSettings.DEFAULT, Sleeper.SYSTEM, RandomGenerator.getDefault());
  }

  @Override
  public void putAll(Collection<VantageHealth> records) {
    // BatchWriteItem rejects two requests for one key: keep the last record per key.
    Map<Map<String, AttributeValue>, WriteRequest> byKey = new LinkedHashMap<>();
    for (VantageHealth h : records) {
      byKey.put(
          HealthItems.key(h),
          WriteRequest.builder()
              .putRequest(
                  PutRequest.builder()
                      .item(HealthItems.toItem(h, settings.healthRetention()))
                      .build())
              .build());
    }
    writer.write(table, new ArrayList<>(byKey.values()));
  }

  @Override
  public List<VantageHealth> list(ServiceName service) {
    List<VantageHealth> out = new ArrayList<>();
    try {
      client
          .queryPaginator(
              r ->
                  r.tableName(table)
                      .keyConditionExpression("#pk = :pk")
                      .expressionAttributeNames(Map.of("#pk", Attr.PK))
                      .expressionAttributeValues(
                          Map.of(":pk", AttributeValue.fromS(Keys.service(service)))))
          .items()
          .forEach(i -> out.add(HealthItems.from(i)));
    } catch (SdkException e) {
      throw DynamoErrors.translate("list health of " + service, e);
    }
    return out;
  }

  @Override
  public void deleteEndpoint(ServiceName service, EndpointId endpoint) {
    List<WriteRequest> deletes = new ArrayList<>();
    VersionedWrites.queryPrefix(
            client,
            table,
            Keys.service(service),
            Keys.healthPrefix(endpoint),
            true,
            "list health of " + service + "/" + endpoint)
        .forEach(
            key ->
                deletes.add(
                    WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(key).build())
                        .build()));
    writer.write(table, deletes);
  }

  /** BatchWriteItem requests sent so far (for tests and metrics). */
  public long batchRequests() {
    return writer.requests();
  }

  /** Retries of unprocessed items so far. */
  public long unprocessedRetries() {
    return writer.unprocessedRetries();
  }
}
