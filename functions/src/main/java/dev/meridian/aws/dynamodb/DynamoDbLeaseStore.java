package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.port.Lease;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.StaleFencingTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link LeaseStore} on the control table: item {@code LEASE#<key>} / {@code LEASE} with {@code
 * holder}, {@code fencingToken}, {@code leaseUntil} (epoch millis) and {@code version}.
 *
 * <p>Acquiring reads the item and writes it back conditionally on the version it read; a taken
 * lease gets the previous token + 1, so tokens only grow. A release keeps the item (and its token)
 * and only clears the holder: deleting it would restart tokens at 1 and let a paused ex-holder's
 * token look current again. The lease deliberately does not use the table's TTL attribute for the
 * same reason.
 */
public final class DynamoDbLeaseStore implements LeaseStore {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLeaseStore.class);
  private static final String HOLDER = "holder";
  private static final String TOKEN = "fencingToken";
  private static final String UNTIL = "leaseUntil";
  private static final int MAX_RACES = 3;

  private final DynamoDbClient client;
  private final String table;

  public DynamoDbLeaseStore(DynamoDbClient client, TableNames tables) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.control();
  }

  @Override
  public Optional<Lease> tryAcquire(String key, String holder, Duration ttl, Instant now) {
    if (holder == null || holder.isBlank()) {
      throw new InvalidValueException("holder", holder, "must not be blank");
    }
    long until = now.plus(ttl).toEpochMilli();
    // A lost race means another writer changed the item: read again and decide again.
    for (int race = 0; race < MAX_RACES; race++) {
      Optional<Map<String, AttributeValue>> current = read(key);
      long token;
      long version;
      if (current.isEmpty()) {
        token = 1;
        version = 0;
      } else {
        Map<String, AttributeValue> i = current.get();
        String currentHolder = Attr.optS(i, HOLDER).orElse("");
        boolean valid = !currentHolder.isEmpty() && now.toEpochMilli() < Attr.n(i, UNTIL);
        if (valid && !currentHolder.equals(holder)) {
          return Optional.empty();
        }
        token = valid ? Attr.n(i, TOKEN) : Attr.n(i, TOKEN) + 1;
        version = Attr.version(i);
      }
      if (write(key, holder, token, until, version)) {
        if (current.isEmpty() || token != Attr.n(current.get(), TOKEN)) {
          LOG.info("lease.acquired key={} holder={} token={}", key, holder, token);
        }
        return Optional.of(new Lease(key, holder, token, Instant.ofEpochMilli(until)));
      }
    }
    LOG.info("lease.contended key={} holder={}", key, holder);
    return Optional.empty();
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration ttl, Instant now) {
    long until = now.plus(ttl).toEpochMilli();
    try {
      client.updateItem(
          r ->
              r.tableName(table)
                  .key(key(lease.key()))
                  .updateExpression("SET #until = :until ADD #version :one")
                  .conditionExpression("#holder = :holder AND #token = :token AND #until > :now")
                  .expressionAttributeNames(
                      Map.of(
                          "#until", UNTIL,
                          "#version", Attr.VERSION,
                          "#holder", HOLDER,
                          "#token", TOKEN))
                  .expressionAttributeValues(
                      Map.of(
                          ":until", Attr.n(until),
                          ":one", Attr.n(1),
                          ":holder", AttributeValue.fromS(lease.holder()),
                          ":token", Attr.n(lease.fencingToken()),
                          ":now", Attr.n(now.toEpochMilli()))));
      return Optional.of(
          new Lease(
              lease.key(), lease.holder(), lease.fencingToken(), Instant.ofEpochMilli(until)));
    } catch (ConditionalCheckFailedException lost) {
      LOG.info(
          "lease.lost key={} holder={} token={}",
          lease.key(),
          lease.holder(),
          lease.fencingToken());
      return Optional.empty();
    } catch (SdkException e) {
      throw DynamoErrors.translate("renew lease " + lease.key(), e);
    }
  }

  @Override
  public void release(Lease lease) {
    try {
      client.updateItem(
          r ->
              r.tableName(table)
                  .key(key(lease.key()))
                  .updateExpression("SET #until = :zero REMOVE #holder ADD #version :one")
                  .conditionExpression("#holder = :holder AND #token = :token")
                  .expressionAttributeNames(
                      Map.of(
                          "#until", UNTIL,
                          "#version", Attr.VERSION,
                          "#holder", HOLDER,
                          "#token", TOKEN))
                  .expressionAttributeValues(
                      Map.of(
                          ":zero", Attr.n(0),
                          ":one", Attr.n(1),
                          ":holder", AttributeValue.fromS(lease.holder()),
                          ":token", Attr.n(lease.fencingToken()))));
      LOG.info(
          "lease.released key={} holder={} token={}",
          lease.key(),
          lease.holder(),
          lease.fencingToken());
    } catch (ConditionalCheckFailedException notHeld) {
      // Already taken over or released: nothing of ours to give up.
    } catch (SdkException e) {
      throw DynamoErrors.translate("release lease " + lease.key(), e);
    }
  }

  @Override
  public void checkCurrent(String key, long fencingToken, Instant now) {
    Optional<Map<String, AttributeValue>> current = read(key);
    long token = current.map(i -> Attr.n(i, TOKEN)).orElse(0L);
    boolean valid =
        current.isPresent()
            && !Attr.optS(current.get(), HOLDER).orElse("").isEmpty()
            && now.toEpochMilli() < Attr.n(current.get(), UNTIL);
    if (!valid || token != fencingToken) {
      throw new StaleFencingTokenException(fencingToken, token);
    }
  }

  private Optional<Map<String, AttributeValue>> read(String key) {
    return VersionedWrites.get(client, table, key(key), "lease " + key);
  }

  /** Writes the whole lease item if its version is still {@code version}; false on a lost race. */
  private boolean write(String key, String holder, long token, long until, long version) {
    Map<String, AttributeValue> item = new HashMap<>(key(key));
    item.put(HOLDER, AttributeValue.fromS(holder));
    item.put(TOKEN, Attr.n(token));
    item.put(UNTIL, Attr.n(until));
    item.put(Attr.VERSION, Attr.n(version + 1));
    try {
      if (version == 0) {
        client.putItem(
            r -> r.tableName(table).item(item).conditionExpression(VersionedWrites.COND_CREATE));
      } else {
        client.putItem(
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression(VersionedWrites.COND_VERSION)
                    .expressionAttributeNames(Map.of("#version", Attr.VERSION))
                    .expressionAttributeValues(Map.of(":expected", Attr.n(version))));
      }
      return true;
    } catch (ConditionalCheckFailedException raced) {
      return false;
    } catch (SdkException e) {
      throw DynamoErrors.translate("acquire lease " + key, e);
    }
  }

  private static Map<String, AttributeValue> key(String key) {
    return Attr.key(Keys.lease(key), Keys.LEASE);
  }
}
