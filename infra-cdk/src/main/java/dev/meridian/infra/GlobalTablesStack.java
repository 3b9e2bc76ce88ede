package dev.meridian.infra;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ReplicaTableProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.constructs.Construct;

/**
 * The three DynamoDB global tables, deployed once in the primary region with a replica in every
 * other configured region. Regional stacks reach their local replica by name, never through a
 * cross-region reference, so this stack can be updated on its own.
 */
public final class GlobalTablesStack extends Stack {
  private final TableV2 endpoints;
  private final TableV2 health;
  private final TableV2 control;

  public GlobalTablesStack(Construct scope, String id, StackProps props, MeridianConfig config) {
    super(scope, id, props);
    TableNames names = config.tables();
    List<ReplicaTableProps> replicas =
        config.regions().stream()
            .filter(region -> !region.equals(config.primaryRegion()))
            .map(region -> ReplicaTableProps.builder().region(region).build())
            .toList();

    endpoints = table("Endpoints", names.endpoints(), replicas, null);
    // The aggregator in every region consumes this stream from its local replica; the old image
    // lets it see what a vantage's state was before the change.
    health = table("Health", names.health(), replicas, StreamViewType.NEW_AND_OLD_IMAGES);
    control = table("Control", names.control(), replicas, null);

    for (TableV2 t : List.of(endpoints, health, control)) {
      CfnOutput.Builder.create(this, t.getNode().getId() + "TableName")
          .value(t.getTableName())
          .build();
    }
  }

  private TableV2 table(
      String id, String tableName, List<ReplicaTableProps> replicas, StreamViewType stream) {
    return TableV2.Builder.create(this, id)
        .tableName(tableName)
        .partitionKey(
            Attribute.builder().name(TableNames.PARTITION_KEY).type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name(TableNames.SORT_KEY).type(AttributeType.STRING).build())
        .billing(Billing.onDemand())
        .pointInTimeRecoverySpecification(
            PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .deletionProtection(true)
        .timeToLiveAttribute(TableNames.TTL_ATTRIBUTE)
        // The AWS-managed key (aws/dynamodb) exists in every region, so replicas need no key
        // per region and the functions need no KMS grant.
        .encryption(TableEncryptionV2.awsManagedKey())
        .dynamoStream(stream)
        .replicas(replicas)
        // Data outlives the stack: `cdk destroy` keeps the tables (see docs/deploy.md).
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  public TableV2 endpoints() {
    return endpoints;
  }

  public TableV2 health() {
    return health;
  }

  public TableV2 control() {
    return control;
  }
}
