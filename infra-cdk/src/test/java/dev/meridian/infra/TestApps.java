package dev.meridian.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * Builds the app the way {@code cdk synth} does: the context of {@code cdk.json} (Meridian keys and
 * feature flags), with a tiny stand-in Lambda zip so the tests do not depend on the functions
 * module having been packaged. Synthesis is the slow part (seconds), so each test class composes
 * one app in {@code @BeforeAll} and asserts on its templates.
 */
final class TestApps {
  private TestApps() {}

  static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
  static final String PRIMARY = "us-east-1";
  static final String ZONE_ID = "Z0123456789ABCDEFGHIJ";
  static final String ZONE_NAME = "example.com";
  static final int PROBE_SHARDS = 3;

  private static final Path LAMBDA_ZIP = stubLambdaZip("meridian-functions-lambda.zip");
  private static final Path EVENTS_ZIP = stubLambdaZip("meridian-functions-events.zip");

  /** The cdk.json context plus what every test pins: regions, shards, an alarm e-mail, the zip. */
  static Map<String, Object> context(Map<String, Object> overrides) {
    Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
    context.put("regions", REGIONS);
    context.put("primaryRegion", PRIMARY);
    context.put("hostedZoneId", ZONE_ID);
    context.put("zoneName", ZONE_NAME);
    context.put("probeShards", PROBE_SHARDS);
    context.put("alarmEmail", "oncall@example.com");
    context.put("functionsArtifact", LAMBDA_ZIP.toString());
    context.put("eventFunctionsArtifact", EVENTS_ZIP.toString());
    overrides.forEach(
        (k, v) -> {
          if (v == null) {
            context.remove(k);
          } else {
            context.put(k, v);
          }
        });
    return context;
  }

  static App app(Map<String, Object> overrides) {
    try {
      Path target = Files.createDirectories(Path.of("target"));
      Path outdir = Files.createTempDirectory(target, "test-cdk.out-");
      return new App(
          AppProps.builder().context(context(overrides)).outdir(outdir.toString()).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Composes (but does not yet synthesize) the standard test deployment. */
  static MeridianApp.Deployment standard() {
    return MeridianApp.compose(app(Map.of()), null);
  }

  static Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> cdkJson =
          new ObjectMapper().readValue(Path.of("cdk.json").toFile(), new TypeReference<>() {});
      @SuppressWarnings("unchecked")
      Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read infra-cdk/cdk.json", e);
    }
  }

  /** A valid zip with one class-like entry: enough for a Lambda asset at synth time. */
  private static Path stubLambdaZip(String name) {
    try {
      Path dir = Files.createTempDirectory("meridian-cdk-test");
      Path zip = dir.resolve(name);
      try (OutputStream out = Files.newOutputStream(zip);
          ZipOutputStream z = new ZipOutputStream(out)) {
        z.putNextEntry(new ZipEntry("dev/meridian/functions/Stub.txt"));
        // Distinct content per package, so the two assets get distinct hashes.
        z.write(("stand-in for " + name).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      zip.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return zip;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
