package dev.meridian.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The dynalite conditional-write scenario against LocalStack, for machines with a Docker engine
 * (skipped cleanly without one). It cross-checks that dynalite's answers match a second emulator;
 * see docs/adr/0002-local-dynamodb-dynalite.md for why dynalite is the default.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackDynamoDbTest {

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(LocalStackContainer.Service.DYNAMODB);

  @Test
  void rejectsAConditionalOverwrite_likeDynalite() {
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String table =
          DynaliteTables.createHashKeyTable(dynamo, DynaliteTables.uniqueName("items"), "pk");
      Map<String, AttributeValue> item =
          Map.of("pk", AttributeValue.fromS("a"), "weight", AttributeValue.fromN("42"));
      dynamo.putItem(r -> r.tableName(table).item(item));

      assertThat(dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk")))).item())
          .isEqualTo(item);
      assertThatThrownBy(
              () ->
                  dynamo.putItem(
                      r ->
                          r.tableName(table)
                              .item(Map.of("pk", AttributeValue.fromS("a")))
                              .conditionExpression("attribute_not_exists(pk)")))
          .isInstanceOf(ConditionalCheckFailedException.class);
    }
  }
}
