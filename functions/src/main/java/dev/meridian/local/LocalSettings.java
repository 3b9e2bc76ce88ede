package dev.meridian.local;

import dev.meridian.core.model.Region;
import dev.meridian.core.model.Validation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link LocalRuntime} runs (flags of {@code meridian local up}; defaults are the constants).
 *
 * @param stateDir where dynalite keeps its data and the runtime writes api-url, token, pid, logs
 * @param apiPort the API's port on 127.0.0.1 (0 picks a free one)
 * @param dnsPort the embedded DNS server's UDP and TCP port on 127.0.0.1 (0 picks a free one)
 * @param vantages the probe vantages, named as AWS regions (one probe loop each)
 * @param dynamoDbEndpoint an already running DynamoDB-compatible server; else dynalite is started
 * @param dynamoDbPort dynalite's port when it is started here (0 picks a free one)
 * @param probeIntervalCap when set, every service is probed at least this often (1 s – 5 min),
 *     whatever its own {@code probe.intervalSeconds} says ({@code meridian.probe.interval})
 * @param reconcileInterval how often the scheduler reconciles every service (the safety net that
 *     also advances drills: starts, expiries)
 * @param dnsZones zones the DNS server is authoritative for beyond the services' parent domains
 * @param clientRegion the region LATENCY answers pretend the client is in
 * @param tablePrefix DynamoDB table name prefix
 * @param repoRoot where to find node_modules/dynalite (empty: {@code -Dmeridian.home} or the
 *     working directory and its parents)
 * @param extraProperties more Micronaut properties (tests, tuning)
 */
public record LocalSettings(
    Path stateDir,
    int apiPort,
    int dnsPort,
    List<Region> vantages,
    Optional<URI> dynamoDbEndpoint,
    int dynamoDbPort,
    Optional<Duration> probeIntervalCap,
    Duration reconcileInterval,
    List<String> dnsZones,
    Optional<Region> clientRegion,
    String tablePrefix,
    Optional<Path> repoRoot,
    Map<String, Object> extraProperties) {

  public static final int DEFAULT_API_PORT = 8787;
  public static final int DEFAULT_DNS_PORT = 5353;
  public static final List<String> VANTAGE_NAMES =
      List.of(
          "us-east-1",
          "us-west-2",
          "eu-west-1",
          "ap-southeast-2",
          "sa-east-1",
          "eu-central-1",
          "ap-northeast-1",
          "ca-central-1",
          "ap-south-1");
  public static final int DEFAULT_VANTAGES = 3;
  public static final Duration DEFAULT_RECONCILE = Duration.ofSeconds(5);

  public LocalSettings {
    Validation.notNull(stateDir, "stateDir");
    Validation.inRange(apiPort, 0, 65535, "apiPort");
    Validation.inRange(dnsPort, 0, 65535, "dnsPort");
    vantages = List.copyOf(vantages);
    Validation.require(!vantages.isEmpty(), "vantages", vantages, "must name at least one region");
    Validation.require(
        vantages.stream().distinct().count() == vantages.size(),
        "vantages",
        vantages,
        "must not repeat a region");
    dynamoDbEndpoint = dynamoDbEndpoint == null ? Optional.empty() : dynamoDbEndpoint;
    Validation.inRange(dynamoDbPort, 0, 65535, "dynamoDbPort");
    probeIntervalCap = probeIntervalCap == null ? Optional.empty() : probeIntervalCap;
    Validation.positive(reconcileInterval, "reconcileInterval");
    dnsZones = dnsZones == null ? List.of() : List.copyOf(dnsZones);
    clientRegion = clientRegion == null ? Optional.empty() : clientRegion;
    Validation.notNull(tablePrefix, "tablePrefix");
    repoRoot = repoRoot == null ? Optional.empty() : repoRoot;
    extraProperties = extraProperties == null ? Map.of() : Map.copyOf(extraProperties);
  }

  /** The first {@code n} names of {@link #VANTAGE_NAMES}. */
  public static List<Region> vantages(int n) {
    Validation.inRange(n, 1, VANTAGE_NAMES.size(), "vantages");
    return VANTAGE_NAMES.subList(0, n).stream().map(Region::of).toList();
  }

  /** Defaults: ports 8787 / 5353, three vantages, dynalite started here. */
  public static LocalSettings defaults(Path stateDir) {
    return new LocalSettings(
        stateDir,
        DEFAULT_API_PORT,
        DEFAULT_DNS_PORT,
        vantages(DEFAULT_VANTAGES),
        Optional.empty(),
        0,
        Optional.empty(),
        DEFAULT_RECONCILE,
        List.of(),
        Optional.empty(),
        "meridian-",
        Optional.empty(),
        Map.of());
  }

  public LocalSettings withPorts(int api, int dns) {
    return new LocalSettings(
        stateDir,
        api,
        dns,
        vantages,
        dynamoDbEndpoint,
        dynamoDbPort,
        probeIntervalCap,
        reconcileInterval,
        dnsZones,
        clientRegion,
        tablePrefix,
        repoRoot,
        extraProperties);
  }

  public LocalSettings withReconcileInterval(Duration d) {
    return new LocalSettings(
        stateDir,
        apiPort,
        dnsPort,
        vantages,
        dynamoDbEndpoint,
        dynamoDbPort,
        probeIntervalCap,
        d,
        dnsZones,
        clientRegion,
        tablePrefix,
        repoRoot,
        extraProperties);
  }

  public LocalSettings withDynamoDbEndpoint(Optional<URI> endpoint) {
    return new LocalSettings(
        stateDir,
        apiPort,
        dnsPort,
        vantages,
        endpoint,
        dynamoDbPort,
        probeIntervalCap,
        reconcileInterval,
        dnsZones,
        clientRegion,
        tablePrefix,
        repoRoot,
        extraProperties);
  }
}
