package dev.meridian.infra.constructs;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Finds the stream ARN of a global table's replica in this stack's region at deploy time.
 *
 * <p>A replica's stream ARN ends in a creation timestamp that only DynamoDB in that region knows:
 * CloudFormation returns it ({@code Fn::GetAtt StreamArn}) for the primary region alone, and the
 * CDK only knows {@code .../stream/*} for replicas, which an event source mapping does not accept.
 * So each regional stack asks with {@code DescribeTable} on its own replica (one CDK-provided
 * custom resource, with a role that may do nothing else and write its own log group).
 */
public final class ReplicaStreamLookup extends Construct {
  private static final String STREAM_ARN_PATH = "Table.LatestStreamArn";

  private final String streamArn;

  public ReplicaStreamLookup(
      Construct scope, String id, String tableName, RetentionDays logRetention) {
    super(scope, id);

    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(logRetention)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("Looks up the stream ARN of the " + tableName + " replica")
            .build();
    logs.grantWrite(role);

    AwsSdkCall describe =
        AwsSdkCall.builder()
            .service("DynamoDB")
            .action("describeTable")
            .parameters(Map.of("TableName", tableName))
            // The response of a global table is large; a custom resource may return only 4 KB.
            .outputPaths(List.of(STREAM_ARN_PATH))
            .physicalResourceId(PhysicalResourceId.fromResponse(STREAM_ARN_PATH))
            .build();
    AwsCustomResource lookup =
        AwsCustomResource.Builder.create(this, "DescribeTable")
            .onCreate(describe)
            .onUpdate(describe)
            .policy(
                AwsCustomResourcePolicy.fromStatements(
                    List.of(
                        PolicyStatement.Builder.create()
                            .actions(List.of("dynamodb:DescribeTable"))
                            .resources(List.of(TableAccess.tableArn(this, tableName)))
                            .build())))
            .role(role)
            .logGroup(logs)
            // Deploy-time download of the newest SDK would need the internet and change behaviour
            // between deployments; the runtime's bundled SDK has DescribeTable.
            .installLatestAwsSdk(false)
            .timeout(Duration.minutes(2))
            .build();
    streamArn = lookup.getResponseField(STREAM_ARN_PATH);
  }

  /** The replica's current stream ARN (a deploy-time token). */
  public String streamArn() {
    return streamArn;
  }
}
