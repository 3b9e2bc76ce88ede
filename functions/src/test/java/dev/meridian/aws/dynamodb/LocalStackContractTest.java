package dev.meridian.aws.dynamodb;

import dev.meridian.testing.DynaliteTables;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same port contracts as {@link DynaliteContractTest}, against LocalStack's DynamoDB through
 * Testcontainers, on machines with a Docker engine (skipped cleanly without one).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContractTest extends DynamoDbContracts {

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(LocalStackContainer.Service.DYNAMODB);

  static DynamoDbClient client;
  static TableNames tables;

  @BeforeAll
  static void createTables() {
    client =
        DynamoDbClient.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(client, tables);
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
