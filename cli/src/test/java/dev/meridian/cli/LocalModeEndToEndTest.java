package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ServiceName;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.demo.DemoServices;
import dev.meridian.local.demo.SampleService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The whole pipeline in local mode with real probes over loopback: three sample services, three
 * vantages, 1 s probes. A failed region leaves the DNS answers after detection, comes back with the
 * ramp when healed, and a drill evacuates a region and rolls back at expiry (the API's shortest
 * drill is one minute). Deadlines are generous (CI machines are shared); the measured times are
 * printed.
 */
@ExtendWith(LocalServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalModeEndToEndTest {
  private static final String SERVICE = "api.e2e.test";
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir static Path files;
  private static Path state;
  private static LocalRuntime runtime;
  private static DemoServices samples;
  private static SimpleResolver resolver;

  @BeforeAll
  static void start(LocalServer.Running running) throws IOException {
    runtime = running.runtime();
    state = running.stateDir();
    String token = Files.readString(runtime.tokenFile()).trim();
    samples =
        DemoServices.start(
            List.of(
                new DemoServices.Placement("us-east-1", "127.0.0.11", 0),
                new DemoServices.Placement("us-west-2", "127.0.0.12", 0),
                new DemoServices.Placement("eu-west-1", "127.0.0.13", 0)),
            token);
    resolver = new SimpleResolver(runtime.dnsAddress());
    resolver.setTimeout(Duration.ofSeconds(3));
  }

  @AfterAll
  static void stop() {
    if (samples != null) {
      samples.close();
    }
  }

  private static String host(String region) {
    return samples.region(region).orElseThrow().host();
  }

  /** The distinct addresses in {@code n} answers (weighted: one address per answer). */
  private static Set<String> answers(int n) {
    Set<String> seen = new HashSet<>();
    try {
      Message q =
          Message.newQuery(Record.newRecord(Name.fromString(SERVICE + "."), Type.A, DClass.IN));
      for (int i = 0; i < n; i++) {
        for (Record r : resolver.send(q).getSection(Section.ANSWER)) {
          seen.add(r.rdataToString());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return seen;
  }

  /** The published weight of a region's record set. */
  private static OptionalInt weight(String region) {
    for (DnsRecordSet r : runtime.publisher().published(ServiceName.of(SERVICE))) {
      if (r.setIdentifier().equals(Optional.of("meridian-" + region))
          && r.routing() instanceof DnsRecordSet.Routing.Weighted w) {
        return OptionalInt.of(w.weight());
      }
    }
    return OptionalInt.empty();
  }

  /** Polls until the condition holds; returns how long it took. */
  private static Duration await(String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting for " + what).isNegative();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  @Order(1)
  void registeredThroughTheCli_allRegionsAreAnswered() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: api.e2e.test
              policy: WEIGHTED
              ttlSeconds: 1
              probe: {intervalSeconds: 1, timeoutMillis: 1000, rise: 1, fall: 2}
              quorum: 2
              holdDownSeconds: 5
              rampSeconds: 4
              maxStepIncrease: 0.1
              damping: {enabled: false}
              allowPrivateTargets: true
              endpoints:
            """);
    for (SampleService s : samples.services().values()) {
      yaml.append("    - {id: ")
          .append(s.region())
          .append("-a, region: ")
          .append(s.region())
          .append(", address: ")
          .append(s.host())
          .append(", port: ")
          .append(s.port())
          .append("}\n");
    }
    Path file = files.resolve("e2e.yaml");
    Files.writeString(file, yaml.toString());
    Cli.Result applied = Cli.run(state, "services", "apply", "-f", file.toString());
    assertThat(applied.code()).as(applied.toString()).isZero();

    Duration t =
        await(
            "answers from all three regions",
            () ->
                answers(30)
                    .containsAll(List.of(host("us-east-1"), host("us-west-2"), host("eu-west-1"))));
    System.out.printf("e2e: registration -> all regions answered in %d ms%n", t.toMillis());
  }

  @Test
  @Order(2)
  void aStoppedRegion_leavesTheAnswers_andComesBackWithTheRamp() throws IOException {
    SampleService west = samples.region("us-west-2").orElseThrow();
    west.fail(SampleService.Condition.DOWN);
    try {
      Duration detection =
          await("us-west-2 to leave the answers", () -> !answers(40).contains(host("us-west-2")));
      System.out.printf(
          "e2e: us-west-2 stopped -> excluded from DNS answers after %d ms (probe 1 s, fall 2)%n",
          detection.toMillis());
      await(
          "status to show us-west-2 UNHEALTHY",
          () ->
              Cli.run(state, "status", SERVICE)
                  .out()
                  .lines()
                  .anyMatch(l -> l.matches("us-west-2\\s+UNHEALTHY.*")));
    } finally {
      west.heal();
    }
    List<Integer> weights = new ArrayList<>();
    Duration back =
        await(
            "us-west-2 to regain its full weight",
            () -> {
              OptionalInt w = weight("us-west-2");
              if (w.isPresent()
                  && (weights.isEmpty() || weights.get(weights.size() - 1) != w.getAsInt())) {
                weights.add(w.getAsInt());
              }
              return w.isPresent() && w.getAsInt() == weight("us-east-1").orElse(-1);
            });
    System.out.printf(
        "e2e: us-west-2 healed -> full weight after %d ms; published weights %s%n",
        back.toMillis(), weights);
    assertThat(weights)
        .as("the weight ramps up through intermediate values")
        .anySatisfy(w -> assertThat(w).isStrictlyBetween(0, weight("us-east-1").getAsInt()));
    assertThat(answers(40)).contains(host("us-west-2"));
  }

  @Test
  @Order(3)
  void aDrill_evacuatesTheRegion_andRollsBackAtExpiry() {
    Cli.Result started =
        Cli.run(
            state,
            "drill",
            "start",
            "--service",
            SERVICE,
            "--region",
            "us-east-1",
            "--duration",
            "60s",
            "--reason",
            "e2e",
            "--yes",
            "--wait",
            "60s",
            "--poll",
            "200ms");
    assertThat(started.code()).as(started.toString()).isZero();
    assertThat(started.out()).contains("EVACUATE of us-east-1, ACTIVE");
    assertThat(answers(40)).doesNotContain(host("us-east-1")).isNotEmpty();

    Duration rollback =
        await("us-east-1 back in the answers", () -> answers(40).contains(host("us-east-1")));
    System.out.printf(
        "e2e: drill active -> us-east-1 answered again after %d ms (60 s drill, the API minimum)%n",
        rollback.toMillis());
    await(
        "the drill to be COMPLETED",
        () -> Cli.run(state, "drill", "list", "--service", SERVICE).out().contains("COMPLETED"));
  }

  @Test
  @Order(4)
  void aDrillCanBeAborted_andTheAbortIsInTheAuditLog() throws IOException {
    Cli.Result started =
        Cli.run(
            state,
            "drill",
            "start",
            "--service",
            SERVICE,
            "--region",
            "eu-west-1",
            "--shift",
            "50",
            "--duration",
            "10m",
            "--yes",
            "--no-wait",
            "-o",
            "json");
    assertThat(started.code()).as(started.toString()).isZero();
    String id =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(started.out())
            .path("drill")
            .path("id")
            .asText();
    Cli.Result aborted =
        Cli.run(state, "drill", "abort", "--service", SERVICE, id, "--reason", "enough");
    assertThat(aborted.code()).as(aborted.toString()).isZero();
    assertThat(aborted.out()).contains("SHIFT 50% of eu-west-1, ABORTED");
    Cli.Result again = Cli.run(state, "drill", "abort", "--service", SERVICE, id);
    assertThat(again.code()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(Cli.run(state, "drill", "status", "--service", SERVICE, id).out())
        .contains("ABORTED");
    assertThat(Cli.run(state, "events", SERVICE, "--limit", "50").out()).contains("ABORTED");
  }
}
