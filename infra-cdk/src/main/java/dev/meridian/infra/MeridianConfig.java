package dev.meridian.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the Meridian CDK app is configured with, parsed once from the CDK context ({@code
 * cdk.json} or {@code cdk synth -c key=value}) and validated as a whole: every bad value is named
 * in one {@link InvalidConfigException}, so a wrong {@code cdk.json} fails synthesis before any
 * construct is created.
 *
 * <p>Context values may be JSON values (from {@code cdk.json}) or strings (from {@code -c}); lists
 * may be given as JSON arrays or comma-separated strings.
 */
public record MeridianConfig(
    List<String> regions,
    String primaryRegion,
    String hostedZoneId,
    String zoneName,
    String tablePrefix,
    Duration probeInterval,
    int probeShards,
    int lambdaMemoryMb,
    LambdaArchitecture lambdaArchitecture,
    int apiThrottleRateLimit,
    int apiThrottleBurstLimit,
    int schedulerReservedConcurrency,
    int logRetentionDays,
    List<String> recordNames,
    Optional<String> alarmEmail,
    Optional<String> alarmTopicArn,
    Path functionsArtifact,
    Path eventFunctionsArtifact,
    Optional<String> account) {

  /** The context keys, as written in {@code cdk.json}. */
  public static final class Keys {
    private Keys() {}

    public static final String REGIONS = "regions";
    public static final String PRIMARY_REGION = "primaryRegion";
    public static final String HOSTED_ZONE_ID = "hostedZoneId";
    public static final String ZONE_NAME = "zoneName";
    public static final String TABLE_PREFIX = "tablePrefix";
    public static final String PROBE_INTERVAL = "probeInterval";
    public static final String PROBE_SHARDS = "probeShards";
    public static final String LAMBDA_MEMORY_MB = "lambdaMemoryMb";
    public static final String LAMBDA_ARCHITECTURE = "lambdaArchitecture";
    public static final String API_THROTTLE_RATE_LIMIT = "apiThrottleRateLimit";
    public static final String API_THROTTLE_BURST_LIMIT = "apiThrottleBurstLimit";
    public static final String SCHEDULER_RESERVED_CONCURRENCY = "schedulerReservedConcurrency";
    public static final String LOG_RETENTION_DAYS = "logRetentionDays";
    public static final String RECORD_NAMES = "recordNames";
    public static final String ALARM_EMAIL = "alarmEmail";
    public static final String ALARM_TOPIC_ARN = "alarmTopicArn";
    public static final String FUNCTIONS_ARTIFACT = "functionsArtifact";
    public static final String EVENT_FUNCTIONS_ARTIFACT = "eventFunctionsArtifact";
    public static final String ACCOUNT = "account";
  }

  public static final String DEFAULT_TABLE_PREFIX = "meridian-";
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);
  public static final Duration MIN_PROBE_INTERVAL = Duration.ofSeconds(5);
  public static final Duration MAX_PROBE_INTERVAL = Duration.ofSeconds(60);
  public static final int DEFAULT_PROBE_SHARDS = 1;
  public static final int MAX_PROBE_SHARDS = 50;
  public static final int DEFAULT_LAMBDA_MEMORY_MB = 1024;
  public static final int MIN_LAMBDA_MEMORY_MB = 256;
  public static final int MAX_LAMBDA_MEMORY_MB = 10240;
  public static final LambdaArchitecture DEFAULT_LAMBDA_ARCHITECTURE = LambdaArchitecture.ARM64;
  public static final int DEFAULT_API_THROTTLE_RATE_LIMIT = 50;
  public static final int DEFAULT_API_THROTTLE_BURST_LIMIT = 100;
  public static final int MAX_API_THROTTLE = 10_000;
  public static final int DEFAULT_SCHEDULER_RESERVED_CONCURRENCY = 2;
  public static final int MAX_SCHEDULER_RESERVED_CONCURRENCY = 10;
  public static final int DEFAULT_LOG_RETENTION_DAYS = 30;

  /** Retention periods CloudWatch Logs accepts (and the CDK models), in days. */
  public static final Set<Integer> LOG_RETENTION_CHOICES =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /** Relative to the infra-cdk directory, where the CDK CLI runs the app. */
  public static final String DEFAULT_FUNCTIONS_ARTIFACT =
      "../functions/target/meridian-functions-lambda.zip";

  /**
   * The package of the probe, aggregator and scheduler functions: the functions without the HTTP
   * API and its server stack, which start faster (ADR 0011). Relative to the infra-cdk directory.
   */
  public static final String DEFAULT_EVENT_FUNCTIONS_ARTIFACT =
      "../functions/target/meridian-functions-events.zip";

  public static final String BUILD_ARTIFACT_HINT =
      "build it with ./mvnw -pl functions -am package -DskipTests";

  /** The {@code {region}} placeholder an alarm topic ARN may carry, one topic per region. */
  public static final String REGION_PLACEHOLDER = "{region}";

  private static final Pattern REGION =
      Pattern.compile("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$");
  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("^Z[A-Z0-9]{1,31}$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Pattern TABLE_PREFIX = Pattern.compile("^[A-Za-z0-9_.-]{0,200}$");
  private static final Pattern DURATION = Pattern.compile("^([0-9]{1,4})(s|m)$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern SNS_TOPIC_ARN =
      Pattern.compile(
          "^arn:aws[a-z-]*:sns:([a-z0-9-]+|\\{region\\}):[0-9]{12}:[A-Za-z0-9_-]{1,256}$");
  private static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9]{12}$");

  /** CPU architecture of the functions; SnapStart supports both for Java 21. */
  public enum LambdaArchitecture {
    ARM64("arm64"),
    X86_64("x86_64");

    private final String contextValue;

    LambdaArchitecture(String contextValue) {
      this.contextValue = contextValue;
    }

    public String contextValue() {
      return contextValue;
    }

    static Optional<LambdaArchitecture> parse(String value) {
      for (LambdaArchitecture a : values()) {
        if (a.contextValue.equalsIgnoreCase(value)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }
  }

  /** A context that names what is wrong with it; thrown before any construct is created. */
  public static final class InvalidConfigException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidConfigException(List<String> problems) {
      super(
          "Invalid Meridian configuration (cdk.json context or -c key=value):\n  - "
              + String.join("\n  - ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public MeridianConfig {
    regions = List.copyOf(regions);
    recordNames = List.copyOf(recordNames);
    Objects.requireNonNull(primaryRegion, "primaryRegion");
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    Objects.requireNonNull(zoneName, "zoneName");
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    Objects.requireNonNull(probeInterval, "probeInterval");
    Objects.requireNonNull(lambdaArchitecture, "lambdaArchitecture");
    Objects.requireNonNull(alarmEmail, "alarmEmail");
    Objects.requireNonNull(alarmTopicArn, "alarmTopicArn");
    Objects.requireNonNull(functionsArtifact, "functionsArtifact");
    Objects.requireNonNull(eventFunctionsArtifact, "eventFunctionsArtifact");
    Objects.requireNonNull(account, "account");
    if (regions.isEmpty() || !regions.contains(primaryRegion)) {
      throw new IllegalArgumentException("primaryRegion must be one of regions");
    }
  }

  /** The three global tables, named {@code <tablePrefix><name>}. */
  public TableNames tables() {
    return TableNames.withPrefix(tablePrefix);
  }

  /** The probe interval as the functions read it ({@code MERIDIAN_PROBE_INTERVAL}), e.g. "10s". */
  public String probeIntervalText() {
    return probeInterval.toSeconds() + "s";
  }

  /** The alarm topic ARN for one region, with {@code {region}} substituted. */
  public Optional<String> alarmTopicArnIn(String region) {
    return alarmTopicArn.map(arn -> arn.replace(REGION_PLACEHOLDER, region));
  }

  /**
   * Parses and validates the context; throws {@link InvalidConfigException} naming each problem.
   */
  public static MeridianConfig fromContext(Function<String, Object> context) {
    Parser p = new Parser(context);

    List<String> regions = p.regions();
    Optional<String> explicitPrimary = p.optionalString(Keys.PRIMARY_REGION);
    String primary = explicitPrimary.orElse(regions.isEmpty() ? "" : regions.getFirst());
    if (explicitPrimary.isPresent() && !regions.isEmpty() && !regions.contains(primary)) {
      p.problem(
          Keys.PRIMARY_REGION,
          "'" + primary + "' is not one of regions " + regions + "; the primary must be listed");
    }
    String zoneId = p.hostedZoneId();
    String zoneName = p.zoneName();
    String tablePrefix = p.tablePrefix();
    Duration probeInterval = p.probeInterval();
    int probeShards = p.integer(Keys.PROBE_SHARDS, DEFAULT_PROBE_SHARDS, 1, MAX_PROBE_SHARDS);
    int memory =
        p.integer(
            Keys.LAMBDA_MEMORY_MB,
            DEFAULT_LAMBDA_MEMORY_MB,
            MIN_LAMBDA_MEMORY_MB,
            MAX_LAMBDA_MEMORY_MB);
    LambdaArchitecture architecture = p.architecture();
    int rate =
        p.integer(
            Keys.API_THROTTLE_RATE_LIMIT, DEFAULT_API_THROTTLE_RATE_LIMIT, 1, MAX_API_THROTTLE);
    int burst =
        p.integer(
            Keys.API_THROTTLE_BURST_LIMIT, DEFAULT_API_THROTTLE_BURST_LIMIT, 1, MAX_API_THROTTLE);
    int schedulerConcurrency =
        p.integer(
            Keys.SCHEDULER_RESERVED_CONCURRENCY,
            DEFAULT_SCHEDULER_RESERVED_CONCURRENCY,
            1,
            MAX_SCHEDULER_RESERVED_CONCURRENCY);
    int retention = p.logRetentionDays();
    List<String> recordNames = p.recordNames(zoneName);
    Optional<String> email = p.alarmEmail();
    Optional<String> topic = p.alarmTopicArn(regions);
    Path artifact = p.artifact(Keys.FUNCTIONS_ARTIFACT, DEFAULT_FUNCTIONS_ARTIFACT);
    Path eventArtifact =
        p.artifact(Keys.EVENT_FUNCTIONS_ARTIFACT, DEFAULT_EVENT_FUNCTIONS_ARTIFACT);
    Optional<String> account = p.account();

    p.throwIfInvalid();
    return new MeridianConfig(
        regions,
        primary,
        zoneId,
        zoneName,
        tablePrefix,
        probeInterval,
        probeShards,
        memory,
        architecture,
        rate,
        burst,
        schedulerConcurrency,
        retention,
        recordNames,
        email,
        topic,
        artifact,
        eventArtifact,
        account);
  }

  /** Reads one key at a time and collects every problem instead of stopping at the first. */
  private static final class Parser {
    private final Function<String, Object> context;
    private final List<String> problems = new ArrayList<>();

    Parser(Function<String, Object> context) {
      this.context = context;
    }

    void problem(String key, String message) {
      problems.add(key + ": " + message);
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new InvalidConfigException(problems);
      }
    }

    Optional<String> optionalString(String key) {
      Object value = context.apply(key);
      if (value == null) {
        return Optional.empty();
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        String s = value.toString().trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
      }
      problem(key, "expected a single value but got " + value);
      return Optional.empty();
    }

    List<String> regions() {
      Object value = context.apply(Keys.REGIONS);
      List<String> raw = new ArrayList<>();
      if (value instanceof Collection<?> list) {
        list.forEach(v -> raw.add(String.valueOf(v).trim()));
      } else if (value instanceof String s) {
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            raw.add(part.trim());
          }
        }
      } else if (value != null) {
        problem(Keys.REGIONS, "expected a list of AWS regions but got " + value);
        return List.of();
      }
      if (raw.isEmpty()) {
        problem(
            Keys.REGIONS,
            "list at least one AWS region, e.g. \"regions\": [\"us-east-1\", \"eu-west-1\"]");
        return List.of();
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String region : raw) {
        if (!REGION.matcher(region).matches()) {
          problem(Keys.REGIONS, "'" + region + "' is not an AWS region code such as us-east-1");
        } else if (!seen.add(region)) {
          problem(Keys.REGIONS, "'" + region + "' is listed twice");
        }
      }
      return List.copyOf(seen);
    }

    String hostedZoneId() {
      Optional<String> raw = optionalString(Keys.HOSTED_ZONE_ID);
      if (raw.isEmpty()) {
        problem(
            Keys.HOSTED_ZONE_ID,
            "required: the Route 53 hosted zone id, e.g. Z0123456789ABCDEFGHIJ");
        return "";
      }
      String id = raw.get();
      if (id.startsWith("/hostedzone/")) {
        id = id.substring("/hostedzone/".length());
      }
      if (!HOSTED_ZONE_ID.matcher(id).matches()) {
        problem(
            Keys.HOSTED_ZONE_ID,
            "'"
                + raw.get()
                + "' is not a Route 53 hosted zone id (an upper-case 'Z' followed by letters and"
                + " digits, e.g. Z0123456789ABCDEFGHIJ)");
      }
      return id;
    }

    String zoneName() {
      Optional<String> raw = optionalString(Keys.ZONE_NAME);
      if (raw.isEmpty()) {
        problem(Keys.ZONE_NAME, "required: the hosted zone's DNS name, e.g. example.com");
        return "";
      }
      String name = raw.get().toLowerCase(Locale.ROOT);
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      String[] labels = name.split("\\.", -1);
      boolean valid = labels.length >= 2 && name.length() <= 253;
      for (String label : labels) {
        valid &= DNS_LABEL.matcher(label).matches();
      }
      if (!valid) {
        problem(Keys.ZONE_NAME, "'" + raw.get() + "' is not a DNS zone name such as example.com");
        return "";
      }
      return name;
    }

    String tablePrefix() {
      String prefix =
          Optional.ofNullable(context.apply(Keys.TABLE_PREFIX))
              .map(Object::toString)
              .orElse(DEFAULT_TABLE_PREFIX);
      if (!TABLE_PREFIX.matcher(prefix).matches()) {
        problem(
            Keys.TABLE_PREFIX,
            "'"
                + prefix
                + "' may only contain letters, digits, '_', '-' and '.' (DynamoDB table"
                + " names)");
      }
      return prefix;
    }

    Duration probeInterval() {
      Optional<String> raw = optionalString(Keys.PROBE_INTERVAL);
      if (raw.isEmpty()) {
        return DEFAULT_PROBE_INTERVAL;
      }
      Matcher m = DURATION.matcher(raw.get());
      if (!m.matches()) {
        problem(Keys.PROBE_INTERVAL, "'" + raw.get() + "' is not a duration such as 10s or 1m");
        return DEFAULT_PROBE_INTERVAL;
      }
      long amount = Long.parseLong(m.group(1));
      Duration d = m.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
      if (d.compareTo(MIN_PROBE_INTERVAL) < 0 || d.compareTo(MAX_PROBE_INTERVAL) > 0) {
        problem(
            Keys.PROBE_INTERVAL,
            "'"
                + raw.get()
                + "' must be between 5s and 60s (the probe loops inside a one-minute"
                + " invocation)");
      }
      return d;
    }

    int integer(String key, int defaultValue, int min, int max) {
      Object value = context.apply(key);
      if (value == null) {
        return defaultValue;
      }
      int parsed;
      try {
        if (value instanceof Number n) {
          if (n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new NumberFormatException();
          }
          parsed = Math.toIntExact(n.longValue());
        } else {
          parsed = Integer.parseInt(value.toString().trim());
        }
      } catch (NumberFormatException | ArithmeticException e) {
        problem(key, "'" + value + "' is not a whole number");
        return defaultValue;
      }
      if (parsed < min || parsed > max) {
        problem(key, parsed + " is out of range [" + min + ", " + max + "]");
      }
      return parsed;
    }

    LambdaArchitecture architecture() {
      Optional<String> raw = optionalString(Keys.LAMBDA_ARCHITECTURE);
      if (raw.isEmpty()) {
        return DEFAULT_LAMBDA_ARCHITECTURE;
      }
      Optional<LambdaArchitecture> parsed = LambdaArchitecture.parse(raw.get());
      if (parsed.isEmpty()) {
        problem(Keys.LAMBDA_ARCHITECTURE, "'" + raw.get() + "' must be arm64 or x86_64");
      }
      return parsed.orElse(DEFAULT_LAMBDA_ARCHITECTURE);
    }

    int logRetentionDays() {
      int days = integer(Keys.LOG_RETENTION_DAYS, DEFAULT_LOG_RETENTION_DAYS, 1, Integer.MAX_VALUE);
      if (!LOG_RETENTION_CHOICES.contains(days)) {
        problem(
            Keys.LOG_RETENTION_DAYS,
            days
                + " is not a CloudWatch Logs retention period; use one of "
                + LOG_RETENTION_CHOICES.stream().sorted().toList());
      }
      return days;
    }

    /**
     * Patterns for the record names the scheduler may change, as Route 53 normalizes them for the
     * {@code route53:ChangeResourceRecordSetsNormalizedRecordNames} condition: lower case, no
     * trailing dot. Default: every name below the zone apex, so the apex (SOA, NS) is off limits.
     */
    List<String> recordNames(String zoneName) {
      Object value = context.apply(Keys.RECORD_NAMES);
      List<String> names = new ArrayList<>();
      if (value == null) {
        return List.of("*." + zoneName);
      } else if (value instanceof Collection<?> list) {
        list.forEach(v -> names.add(String.valueOf(v).trim()));
      } else {
        for (String part : value.toString().split(",")) {
          if (!part.isBlank()) {
            names.add(part.trim());
          }
        }
      }
      if (names.isEmpty()) {
        problem(
            Keys.RECORD_NAMES,
            "list at least one record name pattern, e.g. [\"*." + zoneName + "\"]");
      }
      List<String> normalized = new ArrayList<>();
      for (String name : names) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        if (!zoneName.isEmpty() && !n.equals(zoneName) && !n.endsWith("." + zoneName)) {
          problem(Keys.RECORD_NAMES, "'" + name + "' is not inside the zone " + zoneName);
        }
        normalized.add(n);
      }
      return normalized;
    }

    Optional<String> alarmEmail() {
      Optional<String> email = optionalString(Keys.ALARM_EMAIL);
      if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
        problem(Keys.ALARM_EMAIL, "'" + email.get() + "' is not an e-mail address");
      }
      return email;
    }

    Optional<String> alarmTopicArn(List<String> regions) {
      Optional<String> arn = optionalString(Keys.ALARM_TOPIC_ARN);
      if (arn.isEmpty()) {
        return arn;
      }
      Matcher m = SNS_TOPIC_ARN.matcher(arn.get());
      if (!m.matches()) {
        problem(
            Keys.ALARM_TOPIC_ARN,
            "'"
                + arn.get()
                + "' is not an SNS topic ARN such as"
                + " arn:aws:sns:{region}:123456789012:ops-alarms");
      } else if (!m.group(1).equals(REGION_PLACEHOLDER)
          && regions.stream().anyMatch(r -> !r.equals(m.group(1)))) {
        problem(
            Keys.ALARM_TOPIC_ARN,
            "CloudWatch alarms can only notify a topic in their own region; write {region} in"
                + " place of the region (arn:aws:sns:{region}:...) and create the topic in every"
                + " region");
      }
      return arn;
    }

    Path artifact(String key, String defaultPath) {
      String raw = optionalString(key).orElse(defaultPath);
      Path path = Path.of(raw).toAbsolutePath().normalize();
      if (!Files.isRegularFile(path)) {
        problem(key, "the Lambda package " + path + " does not exist; " + BUILD_ARTIFACT_HINT);
      }
      return path;
    }

    Optional<String> account() {
      Optional<String> account = optionalString(Keys.ACCOUNT);
      if (account.isPresent() && !ACCOUNT_ID.matcher(account.get()).matches()) {
        problem(Keys.ACCOUNT, "'" + account.get() + "' is not a 12-digit AWS account id");
      }
      return account;
    }
  }
}
