package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class GlobalTablesStackTest {
  private static final String GLOBAL_TABLE = "AWS::DynamoDB::GlobalTable";
  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = StandardDeployment.global();
  }

  @Test
  void globalStack_isDeployedToThePrimaryRegion() {
    assertThat(StandardDeployment.deployment().globalTables().getRegion())
        .isEqualTo(TestApps.PRIMARY);
  }

  @Test
  void createsExactlyThreeGlobalTables() {
    template.resourceCountIs(GLOBAL_TABLE, 3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"meridian-endpoints", "meridian-health", "meridian-control"})
  void everyTable_hasAReplicaInEveryConfiguredRegion(String tableName) {
    for (String region : TestApps.REGIONS) {
      template.hasResourceProperties(
          GLOBAL_TABLE,
          Match.objectLike(
              Map.of(
                  "TableName",
                  tableName,
                  "Replicas",
                  Match.arrayWith(List.of(Match.objectLike(Map.of("Region", region)))))));
    }
    Map<String, Map<String, Object>> tables =
        template.findResources(
            GLOBAL_TABLE,
            Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("TableName", tableName)))));
    assertThat(tables.values())
        .singleElement()
        .extracting(t -> ((List<?>) properties(t).get("Replicas")).size())
        .isEqualTo(TestApps.REGIONS.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"meridian-endpoints", "meridian-health", "meridian-control"})
  void everyTable_isOnDemandEncryptedWithPitrDeletionProtectionAndTtl(String tableName) {
    Object replicaSettings =
        Match.objectLike(
            Map.of(
                "DeletionProtectionEnabled",
                true,
                "PointInTimeRecoverySpecification",
                Map.of("PointInTimeRecoveryEnabled", true)));
    template.hasResourceProperties(
        GLOBAL_TABLE,
        Match.objectLike(
            Map.of(
                "TableName", tableName,
                "BillingMode", "PAY_PER_REQUEST",
                "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS"),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "Replicas",
                    Match.arrayWith(
                        TestApps.REGIONS.stream().map(r -> replicaSettings).toList()))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"meridian-endpoints", "meridian-health", "meridian-control"})
  void everyTable_isKeyedByPkAndSk_withoutSecondaryIndexes(String tableName) {
    template.hasResourceProperties(
        GLOBAL_TABLE,
        Match.objectLike(
            Map.of(
                "TableName", tableName,
                "KeySchema",
                    List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", Match.absent(),
                "LocalSecondaryIndexes", Match.absent())));
  }

  @Test
  void healthTable_streamsNewAndOldImages() {
    template.hasResourceProperties(
        GLOBAL_TABLE,
        Match.objectLike(
            Map.of(
                "TableName",
                "meridian-health",
                "StreamSpecification",
                Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"))));
  }

  @Test
  void tables_areRetainedWhenTheStackIsDeleted() {
    template.allResources(GLOBAL_TABLE, Match.objectLike(Map.of("DeletionPolicy", "Retain")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }
}
