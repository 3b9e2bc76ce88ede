package dev.meridian.aws.dynamodb;

import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The port contracts against the DynamoDB adapters on dynalite: the same assertions as the fakes,
 * over the real wire protocol. One set of tables for the class; tests use unique names.
 */
@ExtendWith(DynaliteExtension.class)
class DynaliteContractTest extends DynamoDbContracts {
  static DynamoDbClient client;
  static TableNames tables;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    client = dynamo;
    tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(dynamo, tables);
  }

  @Override
  protected DynamoDbClient client() {
    return client;
  }

  @Override
  protected TableNames tables() {
    return tables;
  }
}
