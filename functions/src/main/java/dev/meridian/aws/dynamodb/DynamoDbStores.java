package dev.meridian.aws.dynamodb;

import dev.meridian.aws.Sleeper;
import java.util.Objects;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every DynamoDB-backed port over one client and one set of tables, for code that builds them
 * without dependency injection (local mode, tests).
 */
public record DynamoDbStores(
    DynamoDbEndpointRepository endpoints,
    DynamoDbHealthStore health,
    DynamoDbPlanStore plans,
    DynamoDbLeaseStore leases,
    DynamoDbDrillStore drills,
    DynamoDbAuditLog audit) {

  public static DynamoDbStores create(
      DynamoDbClient client,
      TableNames tables,
      StoreSettings settings,
      Sleeper sleeper,
      RandomGenerator random) {
    Objects.requireNonNull(client, "client");
    return new DynamoDbStores(
        new DynamoDbEndpointRepository(client, tables),
        new DynamoDbHealthStore(client, tables, settings, sleeper, random),
        new DynamoDbPlanStore(client, tables),
        new DynamoDbLeaseStore(client, tables),
        new DynamoDbDrillStore(client, tables, settings),
        new DynamoDbAuditLog(client, tables, settings));
  }

  /** Default settings, real sleeps. */
  public static DynamoDbStores create(DynamoDbClient client, TableNames tables) {
    return create(
        client, tables, StoreSettings.DEFAULT, Sleeper.SYSTEM, RandomGenerator.getDefault());
  }
}
