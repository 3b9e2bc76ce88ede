package dev.meridian.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.infra.MeridianConfig.InvalidConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing and validation of the context alone: no CDK app, no synthesis. */
class MeridianConfigTest {

  private static MeridianConfig parse(Map<String, Object> overrides) {
    Map<String, Object> context = new HashMap<>(TestApps.context(Map.of()));
    overrides.forEach(
        (k, v) -> {
          if (v == null) {
            context.remove(k);
          } else {
            context.put(k, v);
          }
        });
    return MeridianConfig.fromContext(context::get);
  }

  @Test
  void cdkJsonExample_isValid() {
    Map<String, Object> cdkJson = new HashMap<>(TestApps.cdkJsonContext());
    cdkJson.put("functionsArtifact", TestApps.context(Map.of()).get("functionsArtifact"));
    cdkJson.put("eventFunctionsArtifact", TestApps.context(Map.of()).get("eventFunctionsArtifact"));
    MeridianConfig config = MeridianConfig.fromContext(cdkJson::get);
    assertThat(config.regions()).contains(config.primaryRegion());
    assertThat(config.hostedZoneId()).isEqualTo("Z0123456789ABCDEFGHIJ");
    assertThat(config.zoneName()).isEqualTo("example.com");
  }

  @Test
  void optionalKeys_fallBackToNamedDefaults() {
    MeridianConfig config =
        parse(
            mapOfNulls(
                "primaryRegion",
                "tablePrefix",
                "probeInterval",
                "probeShards",
                "lambdaMemoryMb",
                "lambdaArchitecture",
                "apiThrottleRateLimit",
                "apiThrottleBurstLimit",
                "schedulerReservedConcurrency",
                "logRetentionDays",
                "recordNames",
                "alarmEmail"));
    assertThat(config.primaryRegion()).isEqualTo(TestApps.REGIONS.getFirst());
    assertThat(config.tablePrefix()).isEqualTo(MeridianConfig.DEFAULT_TABLE_PREFIX);
    assertThat(config.probeInterval()).isEqualTo(MeridianConfig.DEFAULT_PROBE_INTERVAL);
    assertThat(config.probeShards()).isEqualTo(MeridianConfig.DEFAULT_PROBE_SHARDS);
    assertThat(config.lambdaMemoryMb()).isEqualTo(MeridianConfig.DEFAULT_LAMBDA_MEMORY_MB);
    assertThat(config.lambdaArchitecture()).isEqualTo(MeridianConfig.LambdaArchitecture.ARM64);
    assertThat(config.apiThrottleRateLimit())
        .isEqualTo(MeridianConfig.DEFAULT_API_THROTTLE_RATE_LIMIT);
    assertThat(config.apiThrottleBurstLimit())
        .isEqualTo(MeridianConfig.DEFAULT_API_THROTTLE_BURST_LIMIT);
    assertThat(config.schedulerReservedConcurrency())
        .isEqualTo(MeridianConfig.DEFAULT_SCHEDULER_RESERVED_CONCURRENCY);
    assertThat(config.logRetentionDays()).isEqualTo(MeridianConfig.DEFAULT_LOG_RETENTION_DAYS);
    assertThat(config.recordNames()).containsExactly("*.example.com");
    assertThat(config.alarmEmail()).isEmpty();
    assertThat(config.alarmTopicArn()).isEmpty();
  }

  @Test
  void commandLineStrings_areAcceptedLikeJsonValues() {
    MeridianConfig config =
        parse(
            Map.of(
                "regions", "eu-west-1, us-east-1",
                "primaryRegion", "us-east-1",
                "probeShards", "4",
                "probeInterval", "15s",
                "hostedZoneId", "/hostedzone/Z0123456789ABCDEFGHIJ",
                "zoneName", "Example.COM."));
    assertThat(config.regions()).containsExactly("eu-west-1", "us-east-1");
    assertThat(config.probeShards()).isEqualTo(4);
    assertThat(config.probeInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.probeIntervalText()).isEqualTo("15s");
    assertThat(config.hostedZoneId()).isEqualTo("Z0123456789ABCDEFGHIJ");
    assertThat(config.zoneName()).isEqualTo("example.com");
  }

  @Test
  void alarmTopicArn_withRegionPlaceholder_resolvesPerRegion() {
    MeridianConfig config =
        parse(Map.of("alarmTopicArn", "arn:aws:sns:{region}:123456789012:ops-alarms"));
    assertThat(config.alarmTopicArnIn("eu-west-1"))
        .contains("arn:aws:sns:eu-west-1:123456789012:ops-alarms");
  }

  static Stream<Arguments> invalidContexts() {
    return Stream.of(
        Arguments.of("no regions", Map.of("regions", List.of()), "regions: list at least one"),
        Arguments.of("regions key missing", mapOfNulls("regions"), "regions: list at least one"),
        Arguments.of(
            "primary not in the list",
            Map.of("primaryRegion", "sa-east-1"),
            "primaryRegion: 'sa-east-1' is not one of regions [us-east-1, eu-west-1,"
                + " ap-southeast-2]"),
        Arguments.of(
            "malformed zone id",
            Map.of("hostedZoneId", "zone-123"),
            "hostedZoneId: 'zone-123' is not a Route 53 hosted zone id"),
        Arguments.of(
            "lower-case zone id",
            Map.of("hostedZoneId", "z0123456789abcdefghij"),
            "hostedZoneId: 'z0123456789abcdefghij' is not a Route 53 hosted zone id"),
        Arguments.of("missing zone id", mapOfNulls("hostedZoneId"), "hostedZoneId: required"),
        Arguments.of(
            "zone name not a DNS name",
            Map.of("zoneName", "exa mple"),
            "zoneName: 'exa mple' is not a DNS zone name"),
        Arguments.of(
            "not a region code",
            Map.of("regions", List.of("us-east-1", "Frankfurt")),
            "regions: 'Frankfurt' is not an AWS region code"),
        Arguments.of(
            "duplicate region",
            Map.of("regions", List.of("us-east-1", "us-east-1")),
            "regions: 'us-east-1' is listed twice"),
        Arguments.of(
            "probe interval too long",
            Map.of("probeInterval", "2m"),
            "probeInterval: '2m' must be between 5s and 60s"),
        Arguments.of(
            "probe interval unparseable",
            Map.of("probeInterval", "ten seconds"),
            "probeInterval: 'ten seconds' is not a duration"),
        Arguments.of(
            "zero shards", Map.of("probeShards", 0), "probeShards: 0 is out of range [1, 50]"),
        Arguments.of(
            "fractional memory",
            Map.of("lambdaMemoryMb", 1024.5),
            "lambdaMemoryMb: '1024.5' is not a whole number"),
        Arguments.of(
            "unknown architecture",
            Map.of("lambdaArchitecture", "sparc"),
            "lambdaArchitecture: 'sparc' must be arm64 or x86_64"),
        Arguments.of(
            "retention CloudWatch does not offer",
            Map.of("logRetentionDays", 10),
            "logRetentionDays: 10 is not a CloudWatch Logs retention period"),
        Arguments.of(
            "record names outside the zone",
            Map.of("recordNames", List.of("*.example.org")),
            "recordNames: '*.example.org' is not inside the zone example.com"),
        Arguments.of(
            "alarm e-mail malformed",
            Map.of("alarmEmail", "oncall"),
            "alarmEmail: 'oncall' is not an e-mail address"),
        Arguments.of(
            "alarm topic in another region",
            Map.of("alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:ops"),
            "alarmTopicArn: CloudWatch alarms can only notify a topic in their own region"),
        Arguments.of(
            "functions artifact not built",
            Map.of("functionsArtifact", "/nonexistent/meridian-functions-lambda.zip"),
            "functionsArtifact: the Lambda package /nonexistent/meridian-functions-lambda.zip does"
                + " not exist; build it with ./mvnw -pl functions -am package -DskipTests"),
        Arguments.of(
            "event functions artifact not built",
            Map.of("eventFunctionsArtifact", "/nonexistent/meridian-functions-events.zip"),
            "eventFunctionsArtifact: the Lambda package /nonexistent/meridian-functions-events.zip"
                + " does not exist; build it with ./mvnw -pl functions -am package -DskipTests"),
        Arguments.of(
            "account not 12 digits",
            Map.of("account", "12345"),
            "account: '12345' is not a 12-digit AWS account id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidContexts")
  void invalidContext_isRejectedWithAMessageNamingTheKey(
      String name, Map<String, Object> overrides, String expected) {
    assertThatThrownBy(() -> parse(overrides))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("Invalid Meridian configuration")
        .hasMessageContaining(expected);
  }

  @Test
  void everyProblem_isReportedAtOnce() {
    assertThatThrownBy(
            () -> parse(Map.of("hostedZoneId", "nope", "probeShards", -1, "zoneName", "x")))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anyMatch(p -> p.startsWith("hostedZoneId:"))
                    .anyMatch(p -> p.startsWith("probeShards:"))
                    .anyMatch(p -> p.startsWith("zoneName:")));
  }

  private static Map<String, Object> mapOfNulls(String... keys) {
    Map<String, Object> m = new HashMap<>();
    for (String k : keys) {
      m.put(k, null);
    }
    return m;
  }
}
