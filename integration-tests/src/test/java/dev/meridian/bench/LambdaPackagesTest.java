package dev.meridian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.local.NodeTools;
import dev.meridian.testing.DynaliteExtension;
import dev.meridian.testing.DynaliteServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two Lambda packages that infra-cdk deploys, as built by this reactor: the event package
 * really leaves the HTTP stack out (ADR 0011), and every handler starts from the package it is
 * deployed in — the way the Lambda runtime loads it (zip root + {@code lib/*}) — and handles one
 * event against dynalite. This is the test that catches a class the event functions need but the
 * event package left out.
 */
@ExtendWith(DynaliteExtension.class)
class LambdaPackagesTest {
  private static final String JVM_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private static Path root() {
    return NodeTools.repoRoot(Path.of(System.getProperty("user.dir"))).orElseThrow();
  }

  private static List<String> entries(String zip) throws IOException {
    Path path = root().resolve("functions/target").resolve(zip);
    assertThat(path).as("built by the functions module's package phase").isRegularFile();
    try (ZipFile z = new ZipFile(path.toFile())) {
      return z.stream().map(e -> e.getName()).toList();
    }
  }

  @Test
  void theEventPackageHasTheEventFunctionsAndLeavesOutTheHttpApiAndLocalMode() throws IOException {
    List<String> events = entries("meridian-functions-events.zip");

    assertThat(events)
        .contains(
            "dev/meridian/functions/probe/ProbeHandler.class",
            "dev/meridian/functions/aggregator/AggregatorHandler.class",
            "dev/meridian/functions/scheduler/SchedulerHandler.class",
            "application.properties")
        .anyMatch(e -> e.matches("lib/dynamodb-[0-9.]+\\.jar"))
        .anyMatch(e -> e.matches("lib/micronaut-function-aws-[0-9.]+\\.jar"))
        .noneMatch(e -> e.startsWith("dev/meridian/api/"))
        .noneMatch(e -> e.startsWith("dev/meridian/local/"))
        .noneMatch(e -> e.startsWith("dev/meridian/functions/api/"))
        .noneMatch(e -> e.matches("META-INF/micronaut/.*/dev\\.meridian\\.(api|local)\\..*"))
        .noneMatch(e -> e.startsWith("lib/netty-"))
        .noneMatch(e -> e.startsWith("lib/micronaut-router-"))
        .noneMatch(e -> e.startsWith("lib/micronaut-http-server"))
        .noneMatch(e -> e.startsWith("lib/micronaut-function-aws-api-proxy-"))
        .noneMatch(e -> e.startsWith("lib/snakeyaml-"))
        .noneMatch(e -> e.startsWith("lib/apache5-client-"));
  }

  @Test
  void theApiPackageHasTheApiAndTheHttpStack() throws IOException {
    assertThat(entries("meridian-functions-lambda.zip"))
        .contains("dev/meridian/functions/api/ApiHandler.class")
        .anyMatch(e -> e.matches("META-INF/micronaut/.*/dev\\.meridian\\.api\\..*"))
        .anyMatch(e -> e.startsWith("lib/micronaut-function-aws-api-proxy-"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"aggregator", "scheduler", "probe", "api", "baseline"})
  void eachHandlerStartsFromItsPackageAndHandlesOneEvent(
      String handler, DynaliteServer dynalite, @TempDir Path tmp) throws Exception {
    HandlerStartupBench.createTables(dynalite.endpoint());
    Map<String, String> classPath =
        HandlerStartupBench.classPaths("artifacts", root(), tmp, List.of(handler));

    String out =
        HandlerStartupBench.runChildOutput(
            handler, dynalite.endpoint(), JVM_OPTS, classPath.get(handler));

    String result = out.lines().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
    switch (handler) {
      // A DOWN vote of a service that is not registered: nothing to do, nothing failed.
      case "aggregator" -> assertThat(result).as(out).contains("batchItemFailures=[]");
      case "scheduler" -> assertThat(result).as(out).contains("mode=reconcile");
      case "probe" -> assertThat(result).as(out).startsWith("result=ProbeSummary[");
      case "api" -> assertThat(result).as(out).contains("statusCode=200");
      default -> assertThat(result).as(out).isNotBlank();
    }
  }
}
