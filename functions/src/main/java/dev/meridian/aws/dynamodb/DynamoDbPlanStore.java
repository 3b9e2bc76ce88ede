package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import dev.meridian.core.port.PublishedPlan;
import dev.meridian.core.port.StaleFencingTokenException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link PlanStore} on the control table ({@code SVC#<service>} / {@code PLAN}). One conditional
 * put checks both the version and the fencing token ({@code version = :expected AND fencingToken <=
 * :token}); when it fails, a consistent read tells a stale token ({@link
 * StaleFencingTokenException}) from a lost version race ({@link ConflictException}).
 */
public final class DynamoDbPlanStore implements PlanStore {
  private static final String COND_UPDATE = "#version = :expected AND #token <= :token";

  private final DynamoDbClient client;
  private final String table;

  public DynamoDbPlanStore(DynamoDbClient client, TableNames tables) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.control();
  }

  @Override
  public Optional<Versioned<PublishedPlan>> find(ServiceName service) {
    return VersionedWrites.get(client, table, key(service), "plan of " + service)
        .map(ControlItems::planFrom);
  }

  @Override
  public Versioned<PublishedPlan> save(PublishedPlan plan, long expectedVersion) {
    VersionedWrites.requireExpected(expectedVersion);
    ServiceName service = plan.plan().service();
    String what = "plan of " + service;
    long next = expectedVersion + 1;
    Map<String, AttributeValue> item = ControlItems.toItem(plan, next);
    try {
      if (expectedVersion == Versioned.NEW) {
        client.putItem(
            r -> r.tableName(table).item(item).conditionExpression(VersionedWrites.COND_CREATE));
      } else {
        client.putItem(
            r ->
                r.tableName(table)
                    .item(item)
                    .conditionExpression(COND_UPDATE)
                    .expressionAttributeNames(
                        Map.of("#version", Attr.VERSION, "#token", ControlItems.FENCING_TOKEN))
                    .expressionAttributeValues(
                        Map.of(
                            ":expected", Attr.n(expectedVersion),
                            ":token", Attr.n(plan.fencingToken()))));
      }
      return new Versioned<>(plan, next);
    } catch (ConditionalCheckFailedException e) {
      Optional<Map<String, AttributeValue>> now =
          VersionedWrites.get(client, table, key(service), what);
      if (now.isPresent()) {
        long current = Attr.n(now.get(), ControlItems.FENCING_TOKEN);
        if (current > plan.fencingToken()) {
          StaleFencingTokenException stale =
              new StaleFencingTokenException(plan.fencingToken(), current);
          stale.addSuppressed(e);
          throw stale;
        }
        long stored = Attr.version(now.get());
        throw new ConflictException(
            expectedVersion == Versioned.NEW
                ? what + " already exists (version " + stored + ")"
                : what + " is at version " + stored + ", not " + expectedVersion,
            e);
      }
      throw new NotFoundException(
          what + " does not exist (expected version " + expectedVersion + ")");
    } catch (SdkException e) {
      throw DynamoErrors.translate("save " + what, e);
    }
  }

  private static Map<String, AttributeValue> key(ServiceName service) {
    return Attr.key(Keys.service(service), Keys.PLAN);
  }
}
