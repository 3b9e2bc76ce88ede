package dev.meridian.infra.constructs;

import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.IConstruct;

/**
 * IAM statements for DynamoDB item actions on one table's replica in the stack's own region. The
 * tables have no secondary indexes, so no statement names an {@code index/*} ARN.
 */
public final class TableAccess {
  private TableAccess() {}

  public static final String GET_ITEM = "dynamodb:GetItem";
  public static final String PUT_ITEM = "dynamodb:PutItem";
  public static final String UPDATE_ITEM = "dynamodb:UpdateItem";
  public static final String DELETE_ITEM = "dynamodb:DeleteItem";
  public static final String BATCH_WRITE_ITEM = "dynamodb:BatchWriteItem";
  public static final String QUERY = "dynamodb:Query";
  public static final String SCAN = "dynamodb:Scan";

  /** The ARN of {@code tableName} in the region (and account) of {@code scope}'s stack. */
  public static String tableArn(IConstruct scope, String tableName) {
    return Stack.of(scope)
        .formatArn(
            ArnComponents.builder()
                .service("dynamodb")
                .resource("table")
                .resourceName(tableName)
                .build());
  }

  /** Allows exactly {@code actions} on the local replica of {@code tableName}. */
  public static PolicyStatement allow(IConstruct scope, String tableName, String... actions) {
    List<String> sorted = Arrays.stream(actions).distinct().sorted().toList();
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(sorted)
        .resources(List.of(tableArn(scope, tableName)))
        .build();
  }
}
