package dev.meridian.aws.dynamodb;

import dev.meridian.aws.Backoff;
import dev.meridian.aws.Sleeper;
import dev.meridian.core.port.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem in chunks of {@value #MAX_BATCH} (DynamoDB's limit), retrying the items DynamoDB
 * returns as unprocessed with exponential backoff and full jitter, a bounded number of times.
 * Throttling of a whole request is retried by the SDK's retry strategy before it reaches here.
 */
final class BatchWriter {
  static final int MAX_BATCH = 25;
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  private final DynamoDbClient client;
  private final int maxAttempts;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong unprocessedRetries = new AtomicLong();

  BatchWriter(DynamoDbClient client, int maxAttempts, Backoff backoff, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.maxAttempts = maxAttempts;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Writes every request (the caller has removed duplicate keys). */
  void write(String table, List<WriteRequest> writes) {
    for (int from = 0; from < writes.size(); from += MAX_BATCH) {
      writeChunk(table, writes.subList(from, Math.min(writes.size(), from + MAX_BATCH)));
    }
  }

  private void writeChunk(String table, List<WriteRequest> chunk) {
    List<WriteRequest> pending = new ArrayList<>(chunk);
    for (int attempt = 1; ; attempt++) {
      BatchWriteItemResponse res;
      try {
        requests.incrementAndGet();
        List<WriteRequest> send = pending;
        res =
            client.batchWriteItem(
                BatchWriteItemRequest.builder().requestItems(Map.of(table, send)).build());
      } catch (SdkException e) {
        throw DynamoErrors.translate("batch write to " + table, e);
      }
      List<WriteRequest> unprocessed =
          res.hasUnprocessedItems()
              ? res.unprocessedItems().getOrDefault(table, List.of())
              : List.of();
      if (unprocessed.isEmpty()) {
        return;
      }
      if (attempt >= maxAttempts) {
        LOG.warn(
            "batch.unprocessed.giveup table={} unprocessed={} attempts={}",
            table,
            unprocessed.size(),
            attempt);
        throw new StoreUnavailableException(
            unprocessed.size()
                + " item(s) still unprocessed by DynamoDB after "
                + attempt
                + " attempts on "
                + table,
            null);
      }
      unprocessedRetries.incrementAndGet();
      LOG.info(
          "batch.unprocessed.retry table={} unprocessed={} attempt={}",
          table,
          unprocessed.size(),
          attempt);
      try {
        sleeper.sleep(backoff.delay(attempt - 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while retrying a batch write", e);
      }
      pending = new ArrayList<>(unprocessed);
    }
  }

  /** BatchWriteItem requests sent so far. */
  long requests() {
    return requests.get();
  }

  /** Retries caused by unprocessed items so far. */
  long unprocessedRetries() {
    return unprocessedRetries.get();
  }
}
