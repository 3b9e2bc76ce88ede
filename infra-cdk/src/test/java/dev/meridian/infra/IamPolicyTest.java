package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Least privilege, checked on the synthesized policies of every stack. */
class IamPolicyTest {
  private static final String REGION = "ap-southeast-2";
  private static final String ZONE_ARN = "arn:aws:route53:::hostedzone/" + TestApps.ZONE_ID;
  private static Template regional;
  private static List<Map<String, Object>> allStatements;

  @BeforeAll
  static void synthesize() {
    regional = StandardDeployment.regional(REGION);
    allStatements = new ArrayList<>();
    for (Template t : StandardDeployment.all()) {
      collectStatements(t.toJSON(), allStatements);
    }
  }

  @Test
  void noAllowStatement_anywhere_hasAWildcardAction() {
    assertThat(allStatements)
        .filteredOn(s -> "Allow".equals(s.get("Effect")))
        .flatExtracting(s -> strings(s.get("Action")))
        .isNotEmpty()
        .noneMatch(action -> action.contains("*"));
  }

  @Test
  void wildcardActions_appearOnlyInDenyStatementsThatRefuseUnencryptedTransport() {
    assertThat(allStatements)
        .filteredOn(s -> strings(s.get("Action")).stream().anyMatch(a -> a.contains("*")))
        .allSatisfy(
            s -> {
              assertThat(s.get("Effect")).isEqualTo("Deny");
              assertThat(s.get("Condition"))
                  .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
            });
  }

  @Test
  void starResource_isOnlyUsedFor_dynamodbListStreams() {
    assertThat(allStatements)
        .filteredOn(s -> "Allow".equals(s.get("Effect")))
        .filteredOn(s -> strings(s.get("Resource")).contains("*"))
        .flatExtracting(s -> strings(s.get("Action")))
        .containsOnly("dynamodb:ListStreams");
  }

  @Test
  void route53_isLimitedToTheConfiguredZone_andGetChange() {
    List<Map<String, Object>> route53 =
        allStatements.stream()
            .filter(s -> strings(s.get("Action")).stream().anyMatch(a -> a.startsWith("route53:")))
            .toList();
    assertThat(route53).isNotEmpty();
    for (Map<String, Object> s : route53) {
      List<String> actions = strings(s.get("Action"));
      if (actions.equals(List.of("route53:GetChange"))) {
        assertThat(s.get("Resource")).isEqualTo("arn:aws:route53:::change/*");
      } else {
        assertThat(actions)
            .isSubsetOf("route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets");
        assertThat(s.get("Resource")).isEqualTo(ZONE_ARN);
      }
    }
  }

  @Test
  void changeResourceRecordSets_isScopedToNormalizedRecordNamesAndRecordTypes() {
    regional.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Match.objectLike(
                                    Map.of(
                                        "Action",
                                        "route53:ChangeResourceRecordSets",
                                        "Resource",
                                        ZONE_ARN,
                                        "Condition",
                                        Map.of(
                                            "ForAllValues:StringLike",
                                            Map.of(
                                                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                                                List.of("*.example.com")),
                                            "ForAllValues:StringEquals",
                                            Map.of(
                                                "route53:ChangeResourceRecordSetsRecordTypes",
                                                RegionalStack.ROUTE53_RECORD_TYPES)))))))))));
  }

  @Test
  void probe_readsEndpointsAndWritesHealth_only() {
    assertThat(dynamoDbGrants("Probe"))
        .isEqualTo(
            Map.of(
                "meridian-endpoints", Set.of("GetItem", "Query", "Scan"),
                "meridian-health",
                    Set.of("BatchWriteItem", "GetItem", "PutItem", "Query", "UpdateItem")));
  }

  @Test
  void api_readsAndWritesEndpointsAndControl_readsHealth() {
    Set<String> readWrite =
        Set.of("DeleteItem", "GetItem", "PutItem", "Query", "Scan", "UpdateItem");
    assertThat(dynamoDbGrants("Api"))
        .isEqualTo(
            Map.of(
                "meridian-endpoints", readWrite,
                "meridian-control", readWrite,
                "meridian-health", Set.of("GetItem", "Query")));
  }

  @Test
  void scheduler_readsEndpointsAndHealth_readsAndWritesControl() {
    assertThat(dynamoDbGrants("Scheduler"))
        .isEqualTo(
            Map.of(
                "meridian-endpoints", Set.of("GetItem", "Query", "Scan"),
                "meridian-health", Set.of("GetItem", "Query", "Scan"),
                "meridian-control",
                    Set.of("DeleteItem", "GetItem", "PutItem", "Query", "UpdateItem")));
  }

  @Test
  void aggregator_readsEndpointsAndHealth_writesControl_andReadsOnlyTheHealthStream() {
    assertThat(dynamoDbGrants("Aggregator"))
        .isEqualTo(
            Map.of(
                "meridian-endpoints", Set.of("GetItem", "Query"),
                "meridian-health", Set.of("GetItem", "Query"),
                "meridian-control", Set.of("GetItem", "PutItem"),
                "stream", Set.of("DescribeStream", "GetRecords", "GetShardIterator"),
                "*", Set.of("ListStreams")));
  }

  @Test
  void aggregator_mayInvokeOnlyTheSchedulerAlias() {
    List<Map<String, Object>> invokes =
        statementsOf("Aggregator").stream()
            .filter(s -> strings(s.get("Action")).contains("lambda:InvokeFunction"))
            .toList();
    String schedulerAlias =
        regional.findResources("AWS::Lambda::Alias").keySet().stream()
            .filter(id -> id.startsWith("SchedulerAlias"))
            .findFirst()
            .orElseThrow();
    assertThat(invokes)
        .singleElement()
        .satisfies(s -> assertThat(s.get("Resource")).isEqualTo(Map.of("Ref", schedulerAlias)));
  }

  @Test
  void functionRoles_haveNoManagedPolicies() {
    assertThat(regional.findResources("AWS::IAM::Role").values())
        .allSatisfy(role -> assertThat(properties(role)).doesNotContainKey("ManagedPolicyArns"));
  }

  // --- helpers

  /** DynamoDB actions (without the prefix) by table name, "stream" or "*", for one function. */
  private static Map<String, Set<String>> dynamoDbGrants(String functionId) {
    Map<String, Set<String>> grants = new java.util.TreeMap<>();
    for (Map<String, Object> s : statementsOf(functionId)) {
      List<String> actions =
          strings(s.get("Action")).stream().filter(a -> a.startsWith("dynamodb:")).toList();
      if (actions.isEmpty()) {
        continue;
      }
      for (Object resource : asList(s.get("Resource"))) {
        String key = resourceKey(resource);
        grants
            .computeIfAbsent(key, k -> new TreeSet<>())
            .addAll(actions.stream().map(a -> a.substring("dynamodb:".length())).toList());
      }
    }
    return grants;
  }

  private static String resourceKey(Object resource) {
    if ("*".equals(resource)) {
      return "*";
    }
    String json = String.valueOf(resource);
    if (json.contains("LatestStreamArn")) {
      return "stream";
    }
    int table = json.indexOf(":table/");
    assertThat(table).as("a table ARN in the stack's own region: %s", json).isPositive();
    assertThat(json).contains("arn:aws:dynamodb:" + REGION + ":");
    return json.substring(table + ":table/".length()).replaceAll("[^a-z-].*$", "");
  }

  private static List<Map<String, Object>> statementsOf(String functionId) {
    Map<String, Map<String, Object>> policies =
        regional.findResources(
            "AWS::IAM::Policy",
            Match.objectLike(
                Map.of(
                    "Properties",
                    Match.objectLike(
                        Map.of(
                            "Roles",
                            List.of(
                                Map.of(
                                    "Ref",
                                    Match.stringLikeRegexp(
                                        "^" + functionId + "Role[0-9A-F]{8}$"))))))));
    assertThat(policies).as("the policy of %s's role", functionId).hasSize(1);
    List<Map<String, Object>> statements = new ArrayList<>();
    collectStatements(policies.values().iterator().next(), statements);
    return statements;
  }

  @SuppressWarnings("unchecked")
  private static void collectStatements(Object node, List<Map<String, Object>> out) {
    if (node instanceof Map<?, ?> map) {
      Object statement = map.get("Statement");
      if (statement instanceof List<?> list) {
        list.forEach(s -> out.add((Map<String, Object>) s));
      }
      map.values().forEach(v -> collectStatements(v, out));
    } else if (node instanceof Collection<?> list) {
      list.forEach(v -> collectStatements(v, out));
    }
  }

  private static List<?> asList(Object value) {
    return value instanceof List<?> list ? list : List.of(value);
  }

  private static List<String> strings(Object value) {
    return value == null ? List.of() : asList(value).stream().map(String::valueOf).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }
}
