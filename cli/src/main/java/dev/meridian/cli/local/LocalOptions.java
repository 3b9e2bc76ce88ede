package dev.meridian.cli.local;

import dev.meridian.cli.DurationConverter;
import dev.meridian.core.model.Region;
import dev.meridian.local.LocalSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The flags of {@code meridian local up} (and {@code meridian demo}). */
public final class LocalOptions {
  @Option(
      names = "--api-port",
      defaultValue = "8787",
      description = "API port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
  public int apiPort;

  @Option(
      names = "--dns-port",
      defaultValue = "5353",
      description = "DNS port (UDP and TCP) on 127.0.0.1 (default ${DEFAULT-VALUE}).")
  public int dnsPort;

  @Option(
      names = "--vantages",
      defaultValue = "3",
      description =
          "Number of probe vantages, named us-east-1, us-west-2, eu-west-1, … (default ${DEFAULT-VALUE}).")
  public int vantages;

  @Option(
      names = "--vantage",
      paramLabel = "REGION",
      description = "Name the vantages explicitly (repeatable; overrides --vantages).")
  public List<String> vantageNames = new ArrayList<>();

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description = "Use this DynamoDB-compatible server instead of starting dynalite.")
  public URI dynamoDbEndpoint;

  @Option(
      names = "--dynamodb-port",
      defaultValue = "0",
      description = "Port for the dynalite started here (default: a free one).")
  public int dynamoDbPort;

  @Option(
      names = "--probe-interval",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Probe every service at least this often (1s-5m), whatever its own"
              + " probe.intervalSeconds (default: each service's own interval).")
  public Duration probeInterval;

  @Option(
      names = "--reconcile-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Scheduler reconcile period (default ${DEFAULT-VALUE}).")
  public Duration reconcileInterval;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Extra zone the DNS server is authoritative for (repeatable).")
  public List<String> zones = new ArrayList<>();

  @Option(
      names = "--client-region",
      paramLabel = "REGION",
      description = "Region LATENCY answers assume the client is in (default: lowest region code).")
  public String clientRegion;

  public LocalSettings settings(Path stateDir, Duration defaultReconcile) {
    List<Region> v =
        vantageNames.isEmpty()
            ? LocalSettings.vantages(vantages)
            : vantageNames.stream().map(Region::of).toList();
    return new LocalSettings(
        stateDir,
        apiPort,
        dnsPort,
        v,
        Optional.ofNullable(dynamoDbEndpoint),
        dynamoDbPort,
        Optional.ofNullable(probeInterval),
        reconcileInterval == null ? defaultReconcile : reconcileInterval,
        zones,
        Optional.ofNullable(clientRegion).map(Region::of),
        "meridian-",
        Optional.empty(),
        Map.of());
  }
}
