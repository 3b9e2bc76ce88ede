package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The functions and their triggers in one regional stack (eu-west-1, not the primary). */
class RegionalStackTest {
  private static final String REGION = "eu-west-1";
  private static final String FUNCTION = "AWS::Lambda::Function";
  private static final List<String> HANDLERS =
      List.of(
          RegionalStack.PROBE_HANDLER,
          RegionalStack.AGGREGATOR_HANDLER,
          RegionalStack.SCHEDULER_HANDLER,
          RegionalStack.API_HANDLER);
  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = StandardDeployment.regional(REGION);
  }

  @Test
  void oneRegionalStackPerRegion_eachWithAnExplicitRegion() {
    assertThat(StandardDeployment.deployment().regional())
        .containsOnlyKeys(TestApps.REGIONS)
        .allSatisfy((region, stack) -> assertThat(stack.getRegion()).isEqualTo(region));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        RegionalStack.PROBE_HANDLER,
        RegionalStack.AGGREGATOR_HANDLER,
        RegionalStack.SCHEDULER_HANDLER,
        RegionalStack.API_HANDLER
      })
  void everyFunction_isJava21OnArm64WithSnapStartOnPublishedVersions(String handler) {
    template.hasResourceProperties(
        FUNCTION,
        Match.objectLike(
            Map.of(
                "Handler",
                handler,
                "Runtime",
                "java21",
                "Architectures",
                List.of("arm64"),
                "SnapStart",
                Map.of("ApplyOn", "PublishedVersions"),
                "MemorySize",
                1024)));
  }

  @Test
  void everyFunction_hasAPublishedVersionAndTheLiveAlias() {
    template.resourceCountIs("AWS::Lambda::Version", HANDLERS.size());
    template.resourceCountIs("AWS::Lambda::Alias", HANDLERS.size());
    template.allResourcesProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        RegionalStack.PROBE_HANDLER,
        RegionalStack.AGGREGATOR_HANDLER,
        RegionalStack.SCHEDULER_HANDLER,
        RegionalStack.API_HANDLER
      })
  void everyFunction_choosesTheSdkHttpClientAndReadsItsSettingsFromTheEnvironment(String handler) {
    template.hasResourceProperties(
        FUNCTION,
        Match.objectLike(
            Map.of(
                "Handler",
                handler,
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of(
                            "JAVA_TOOL_OPTIONS",
                            Match.stringLikeRegexp(
                                ".*-Dsoftware\\.amazon\\.awssdk\\.http\\.service\\.impl="
                                    + "software\\.amazon\\.awssdk\\.http\\.urlconnection"
                                    + "\\.UrlConnectionSdkHttpService.*"
                                    + "-XX:TieredStopAtLevel=1.*"),
                            "MERIDIAN_TABLES_PREFIX",
                            "meridian-",
                            "MERIDIAN_ROUTE53_HOSTED_ZONE_ID",
                            TestApps.ZONE_ID,
                            "MERIDIAN_ROUTE53_ZONE_NAME",
                            TestApps.ZONE_NAME,
                            "MERIDIAN_PROBE_INTERVAL",
                            "10s",
                            "MERIDIAN_PROBE_SHARDS",
                            "3",
                            "MERIDIAN_VANTAGE",
                            REGION))))));
  }

  @Test
  void aggregator_isToldTheSchedulerAlias() {
    template.hasResourceProperties(
        FUNCTION,
        Match.objectLike(
            Map.of(
                "Handler",
                RegionalStack.AGGREGATOR_HANDLER,
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of(
                            "MERIDIAN_SCHEDULER_FUNCTION",
                            Map.of("Ref", aliasLogicalId("Scheduler"))))))));
  }

  @Test
  void aggregator_handlesOnlyItsOwnVantagesStreamRecords() {
    template.hasResourceProperties(
        FUNCTION,
        Match.objectLike(
            Map.of(
                "Handler",
                RegionalStack.AGGREGATOR_HANDLER,
                "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of(
                            "MERIDIAN_AGGREGATOR_OWN_VANTAGE_ONLY",
                            "true",
                            "MERIDIAN_VANTAGE",
                            Match.anyValue()))))));
  }

  @Test
  void scheduler_hasReservedConcurrency() {
    template.hasResourceProperties(
        FUNCTION,
        Match.objectLike(
            Map.of("Handler", RegionalStack.SCHEDULER_HANDLER, "ReservedConcurrentExecutions", 2)));
  }

  @Test
  void everyFunction_logsToItsOwnLogGroupWithRetention() {
    template.allResourcesProperties(
        FUNCTION, Match.objectLike(Map.of("LoggingConfig", Map.of("LogGroup", Match.anyValue()))));
    template.allResourcesProperties(
        "AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 30)));
  }

  @Test
  void probe_runsEveryMinutePerShard_throughItsAlias() {
    for (int shard = 0; shard < TestApps.PROBE_SHARDS; shard++) {
      template.hasResourceProperties(
          "AWS::Scheduler::Schedule",
          Match.objectLike(
              Map.of(
                  "ScheduleExpression",
                  "rate(1 minute)",
                  "Target",
                  Match.objectLike(
                      Map.of(
                          "Arn",
                          Map.of("Ref", aliasLogicalId("Probe")),
                          "Input",
                          Match.serializedJson(
                              Map.of("shard", shard, "shards", TestApps.PROBE_SHARDS)))))));
    }
  }

  @Test
  void scheduler_reconcilesEveryMinute() {
    template.hasResourceProperties(
        "AWS::Scheduler::Schedule",
        Match.objectLike(
            Map.of(
                "ScheduleExpression",
                "rate(1 minute)",
                "Target",
                Match.objectLike(
                    Map.of(
                        "Arn",
                        Map.of("Ref", aliasLogicalId("Scheduler")),
                        "Input",
                        Match.serializedJson(Map.of("reconcile", true)))))));
  }

  @Test
  void aggregator_consumesTheLocalHealthStream_withBisectBoundedRetriesAndOnFailureQueue() {
    template.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Match.objectLike(
            Map.of(
                "EventSourceArn",
                Map.of(
                    "Fn::GetAtt",
                    List.of(logicalId("Custom::AWS", Match.anyValue()), "Table.LatestStreamArn")),
                "BisectBatchOnFunctionError",
                true,
                "MaximumRetryAttempts",
                RegionalStack.STREAM_RETRY_ATTEMPTS,
                "MaximumRecordAgeInSeconds",
                900,
                "FunctionResponseTypes",
                List.of("ReportBatchItemFailures"),
                "StartingPosition",
                "LATEST",
                "DestinationConfig",
                Map.of(
                    "OnFailure",
                    Map.of(
                        "Destination",
                        Map.of(
                            "Fn::GetAtt",
                            List.of(logicalId("AWS::SQS::Queue", Match.anyValue()), "Arn")))))));
  }

  @Test
  void healthStreamArn_isLookedUpFromTheLocalReplica() {
    template.hasResourceProperties(
        "Custom::AWS",
        Match.objectLike(
            Map.of(
                "Create",
                Match.serializedJson(
                    Match.objectLike(
                        Map.of(
                            "service", "DynamoDB",
                            "action", "describeTable",
                            "parameters", Map.of("TableName", "meridian-health")))))));
  }

  @Test
  void schedulerTriggers_areDroppedRatherThanRetriedWhenStale() {
    template.hasResourceProperties(
        "AWS::Lambda::EventInvokeConfig",
        Match.objectLike(
            Map.of(
                "FunctionName",
                Map.of("Ref", logicalId(FUNCTION, handler(RegionalStack.SCHEDULER_HANDLER))),
                "MaximumEventAgeInSeconds",
                60,
                "MaximumRetryAttempts",
                0)));
  }

  @Test
  void noContextLookups_hostedZoneIsImportedFromAttributes() {
    assertThat(template.findResources("AWS::Route53::HostedZone")).isEmpty();
    // A context lookup that synth could not answer offline would be listed as "missing".
    assertThat(
            Stage.of(StandardDeployment.deployment().regional().get(REGION))
                .synth()
                .getManifest()
                .getMissing())
        .isNullOrEmpty();
  }

  @Test
  void theEventFunctionsRunTheEventPackage_theApiRunsTheWholePackage() {
    String probe = assetKey(RegionalStack.PROBE_HANDLER);
    assertThat(assetKey(RegionalStack.AGGREGATOR_HANDLER)).isEqualTo(probe);
    assertThat(assetKey(RegionalStack.SCHEDULER_HANDLER)).isEqualTo(probe);
    assertThat(assetKey(RegionalStack.API_HANDLER)).isNotEqualTo(probe);
  }

  // --- helpers

  /** The S3 key of the code asset of the function with this handler. */
  @SuppressWarnings("unchecked")
  private static String assetKey(String handler) {
    Map<String, Map<String, Object>> found = template.findResources(FUNCTION, handler(handler));
    assertThat(found).hasSize(1);
    Map<String, Object> props =
        (Map<String, Object>) found.values().iterator().next().get("Properties");
    Object key = ((Map<String, Object>) props.get("Code")).get("S3Key");
    assertThat(key).isInstanceOf(String.class);
    return (String) key;
  }

  private static Object handler(String handler) {
    return Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Handler", handler))));
  }

  /** The logical id of the single resource of {@code type} matching {@code props}. */
  static String logicalId(Template template, String type, Object props) {
    Map<String, Map<String, Object>> found = template.findResources(type, props);
    assertThat(found).as("exactly one %s matching %s", type, props).hasSize(1);
    return found.keySet().iterator().next();
  }

  private static String logicalId(String type, Object props) {
    return logicalId(template, type, props);
  }

  /** The alias of the function built by the MeridianFunction with this construct id. */
  private static String aliasLogicalId(String functionId) {
    return template.findResources("AWS::Lambda::Alias").keySet().stream()
        .filter(id -> id.startsWith(functionId + "Alias"))
        .findFirst()
        .orElseThrow();
  }
}
