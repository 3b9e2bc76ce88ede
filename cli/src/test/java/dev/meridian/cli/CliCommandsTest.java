package dev.meridian.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI against a running local-mode server: exit codes, JSON output, one-line errors. */
@ExtendWith(LocalServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "services.yaml");
  private static Path state;

  @TempDir static Path tmp;

  @BeforeAll
  static void server(LocalServer.Running running) {
    state = running.stateDir();
  }

  private static Cli.Result run(String... args) {
    return Cli.run(state, args);
  }

  /** An error is one line, prefixed, without a stack trace. */
  private static void assertOneLineError(Cli.Result r) {
    assertThat(r.err()).as(r.toString()).startsWith("meridian: ");
    assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  @Order(1)
  void applyCreatesServicesAndEndpoints_thenAReapplyChangesNothing() {
    Cli.Result first = run("services", "apply", "-f", EXAMPLE.toString());
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("service api.example.test: create")
        .contains("endpoint use1-a (us-east-1 127.0.0.21:8080): register")
        .contains("Applied: services 2 created, 0 updated, 0 unchanged; endpoints 5 registered");

    Cli.Result again = run("services", "apply", "-f", EXAMPLE.toString());
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out())
        .contains("services 0 created, 0 updated, 2 unchanged")
        .contains("endpoints 0 registered, 0 updated, 0 replaced, 0 removed, 5 unchanged");
  }

  @Test
  @Order(2)
  void applyShowsFieldChanges_dryRunChangesNothing_andPruneRemoves() throws IOException {
    String changed =
        Files.readString(EXAMPLE)
            .replace("ttlSeconds: 30", "ttlSeconds: 12")
            .replace("      weight: 100\n", "      weight: 40\n")
            .replace(
                "    - id: euw1-a\n      region: eu-west-1\n      address: 127.0.0.23\n      port: 8080\n      expectedStatus: 200-299\n",
                "");
    Path file = tmp.resolve("changed.yaml");
    Files.writeString(file, changed);

    Cli.Result dry = run("services", "apply", "-f", file.toString(), "--dry-run", "--prune");
    assertThat(dry.code()).as(dry.toString()).isZero();
    assertThat(dry.out())
        .contains("would service api.example.test: update")
        .contains("ttlSeconds: 30 → 12")
        .contains("weight: 100 → 40")
        .contains("would endpoint euw1-a: remove (not in the file)")
        .contains("Dry run (nothing changed)");
    Cli.Result show = run("services", "show", "api.example.test", "-o", "json");
    assertThat(show.out()).contains("\"ttlSeconds\" : 30");

    Cli.Result kept = run("services", "apply", "-f", file.toString());
    assertThat(kept.out()).contains("euw1-a: not in the file, kept (--prune removes it)");
    Cli.Result pruned = run("services", "apply", "-f", file.toString(), "--prune");
    assertThat(pruned.out()).contains("endpoints 0 registered, 0 updated, 0 replaced, 1 removed");
    assertThat(run("endpoints", "list", "api.example.test").out()).doesNotContain("euw1-a");
    // Back to the example for the tests that follow.
    assertThat(run("services", "apply", "-f", EXAMPLE.toString()).code()).isZero();
  }

  @Test
  void applyRejectsUnknownFieldsAndBadYaml_asUsageErrors() throws IOException {
    Path typo = tmp.resolve("typo.yaml");
    Files.writeString(typo, "- name: api.typo.test\n  ttl: 5\n");
    Cli.Result r = run("services", "apply", "-f", typo.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertOneLineError(r);
    assertThat(r.err()).contains("service api.typo.test unknown field `ttl`");

    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "- name: [unclosed\n");
    Cli.Result b = run("services", "apply", "-f", bad.toString());
    assertThat(b.code()).isEqualTo(ExitCodes.USAGE);
    assertOneLineError(b);

    Cli.Result missing = run("services", "apply", "-f", tmp.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("no such file");
  }

  @Test
  @Order(3)
  void readCommands_printJsonWithOutputJson() throws IOException {
    JsonNode services = JSON.readTree(run("services", "list", "-o", "json").out());
    List<String> names = new ArrayList<>();
    services.path("items").forEach(s -> names.add(s.path("name").asText()));
    assertThat(names).contains("api.example.test", "checkout.example.test");

    JsonNode endpoints =
        JSON.readTree(run("endpoints", "list", "api.example.test", "-o", "json").out());
    assertThat(endpoints.path("items")).isNotEmpty();

    Cli.Result status = run("status", "api.example.test", "--output", "json");
    assertThat(status.code()).as(status.toString()).isZero();
    JsonNode st = JSON.readTree(status.out());
    assertThat(st.path("service").asText()).isEqualTo("api.example.test");
    assertThat(st.path("regions")).hasSizeGreaterThanOrEqualTo(2);

    Cli.Result plan = run("plan", "api.example.test", "-o", "json");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(JSON.readTree(plan.out()).path("plan").path("service").asText())
        .isEqualTo("api.example.test");

    Cli.Result events = run("events", "api.example.test", "-o", "json", "--limit", "5");
    assertThat(events.code()).as(events.toString()).isZero();
    assertThat(JSON.readTree(events.out()).path("items")).isNotEmpty();
  }

  @Test
  @Order(3)
  void readCommands_printAlignedTables() {
    Cli.Result list = run("services", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out().lines().findFirst().orElse("")).startsWith("NAME").contains("POLICY");

    Cli.Result status = run("status", "api.example.test");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains("REGION", "us-east-1", "us-west-2", "VANTAGE VOTES");

    Cli.Result all = run("status");
    assertThat(all.code()).as(all.toString()).isZero();
    assertThat(all.out()).contains("api.example.test", "checkout.example.test");

    Cli.Result plan = run("plan", "api.example.test");
    assertThat(plan.code()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("Plan for api.example.test", "REGION");

    Cli.Result events = run("events", "api.example.test");
    assertThat(events.out()).contains("CONFIG_CHANGED");
  }

  @Test
  @Order(4)
  void endpointLifecycle_registerShowDrainRemove() throws IOException {
    Cli.Result reg =
        run(
            "endpoints",
            "register",
            "api.example.test",
            "--region",
            "ap-southeast-2",
            "--address",
            "127.0.0.24",
            "--port",
            "8080",
            "--id",
            "apse2-a",
            "--weight",
            "50");
    assertThat(reg.code()).as(reg.toString()).isZero();
    assertThat(reg.out()).contains("Registered endpoint apse2-a");

    JsonNode shown =
        JSON.readTree(run("endpoints", "show", "api.example.test", "apse2-a", "-o", "json").out());
    assertThat(shown.path("weight").asInt()).isEqualTo(50);

    Cli.Result drain = run("endpoints", "drain", "api.example.test", "apse2-a");
    assertThat(drain.code()).as(drain.toString()).isZero();
    assertThat(drain.out())
        .contains("Draining endpoint apse2-a of api.example.test: weight 50 ramps to 0 by")
        .contains("), then state DRAINING");
    Cli.Result again = run("endpoints", "drain", "api.example.test", "apse2-a");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(run("endpoints", "show", "api.example.test", "apse2-a").out())
        .contains("\"effectiveWeight\":");

    Cli.Result noYes = run("endpoints", "remove", "api.example.test", "apse2-a");
    assertThat(noYes.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noYes.err()).contains("pass --yes");

    Cli.Result rm = run("endpoints", "remove", "api.example.test", "apse2-a", "--yes");
    assertThat(rm.code()).as(rm.toString()).isZero();
    Cli.Result gone = run("endpoints", "show", "api.example.test", "apse2-a");
    assertThat(gone.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertOneLineError(gone);
  }

  @Test
  @Order(3)
  void applyReadsStandardInput_andWatchAndFollowRefresh() {
    Cli.Result stdin =
        Cli.withInput(
            state,
            "- name: api.stdin.test\n  ttlSeconds: 9\n",
            "services",
            "apply",
            "-f",
            "-",
            "-o",
            "json");
    assertThat(stdin.code()).as(stdin.toString()).isZero();
    assertThat(stdin.out()).contains("\"action\" : \"CREATE_SERVICE\"");

    Cli.Result watch =
        run("status", "api.example.test", "--watch", "--interval", "100ms", "--iterations", "2");
    assertThat(watch.code()).as(watch.toString()).isZero();
    assertThat(watch.out()).contains("REGION").doesNotContain("\033[2J");

    Cli.Result follow =
        run("events", "api.stdin.test", "--follow", "--interval", "100ms", "--iterations", "2");
    assertThat(follow.code()).as(follow.toString()).isZero();
    assertThat(follow.out()).contains("CONFIG_CHANGED");
    assertThat(follow.out().lines().filter(l -> l.contains("CONFIG_CHANGED")).count())
        .as("an event is printed once while following")
        .isEqualTo(1);
  }

  @Test
  void notFound_exits3_withTheProblemDetailOnOneLine() {
    Cli.Result r = run("services", "show", "nope.example.test");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertOneLineError(r);
    assertThat(r.err()).contains("nope.example.test");
  }

  @Test
  void invalidInput_exits2_naming_theField() {
    Cli.Result r =
        run(
            "endpoints",
            "register",
            "api.example.test",
            "--region",
            "moon-1",
            "--address",
            "127.0.0.9");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertOneLineError(r);
    assertThat(r.err()).contains("region");
  }

  @Test
  void usageErrors_exit2_withAHint() {
    Cli.Result r = run("drill", "start", "--service", "api.example.test");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Missing required option: '--region").contains("--help");
    assertThat(run("status", "-o", "xml").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(
            run(
                    "drill",
                    "start",
                    "--service",
                    "s.test",
                    "--region",
                    "us-east-1",
                    "--duration",
                    "soon")
                .code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @Order(5)
  void drillDryRun_showsThePlanDiff_andANonInteractiveStartNeedsYes() {
    Cli.Result dry =
        run(
            "drill",
            "start",
            "--service",
            "api.example.test",
            "--region",
            "us-west-2",
            "--duration",
            "5m",
            "--dry-run");
    if (dry.code() == ExitCodes.CONFLICT) {
      // Refused by the guard rails (no healthy capacity without probes): one line with the reason.
      assertOneLineError(dry);
      assertThat(dry.err()).contains("refused");
      return;
    }
    assertThat(dry.code()).as(dry.toString()).isZero();
    assertThat(dry.out())
        .contains("Plan for api.example.test")
        .contains("Dry run: no drill started.");

    Cli.Result noYes =
        run(
            "drill",
            "start",
            "--service",
            "api.example.test",
            "--region",
            "us-west-2",
            "--duration",
            "5m");
    assertThat(noYes.code()).as(noYes.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noYes.err()).contains("pass --yes");
    assertThat(run("drill", "list", "--service", "api.example.test").out())
        .doesNotContain("ACTIVE");
  }

  @Test
  void drillOfAnUnknownService_exits3() {
    Cli.Result r = run("drill", "list", "--service", "nope.example.test");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertOneLineError(r);
  }

  @Test
  void aWrongToken_exits6() throws IOException {
    Path other = tmp.resolve("wrong-token");
    Files.createDirectories(other);
    Files.writeString(other.resolve("api-url"), Files.readString(state.resolve("api-url")));
    Files.writeString(other.resolve("token"), "not-the-token-at-all");
    Cli.Result r = Cli.run(other, "services", "list");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.AUTH);
    assertOneLineError(r);
  }

  @Test
  void anUnreachableApi_exits5_sayingHowToStartLocalMode() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Cli.Result r = run("--endpoint", "http://127.0.0.1:" + closed, "services", "list");
    assertThat(r.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertOneLineError(r);
    assertThat(r.err()).contains("cannot reach the Meridian API").contains("meridian local up");

    Cli.Result verbose = run("--endpoint", "http://127.0.0.1:" + closed, "services", "list", "-v");
    assertThat(verbose.err()).contains("\tat "); // --verbose shows the stack trace
  }

  @Test
  void helpWorksOnEveryCommand() {
    List<String[]> paths = new ArrayList<>();
    collect(Main.commandLine(CliContext.system()), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(25);
    for (String[] path : paths) {
      List<String> args = new ArrayList<>(List.of(path));
      args.add("--help");
      Cli.Result r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(String.join(" ", path)).isZero();
      assertThat(r.out()).as(String.join(" ", path)).contains("Usage: meridian");
    }
  }

  private static void collect(CommandLine cl, List<String> prefix, List<String[]> out) {
    out.add(prefix.toArray(String[]::new));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help")) {
                return;
              }
              List<String> p = new ArrayList<>(prefix);
              p.add(name);
              collect(sub, p, out);
            });
  }

  @Test
  void completionScript_isGenerated() {
    Cli.Result r = run("completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F").contains("meridian").contains("drill");
  }

  @Test
  @Order(9)
  void deleteNeedsCascadeWhileEndpointsExist() {
    Cli.Result refused = run("services", "delete", "checkout.example.test", "--yes");
    assertThat(refused.code()).isEqualTo(ExitCodes.CONFLICT);
    assertOneLineError(refused);
    Cli.Result deleted = run("services", "delete", "checkout.example.test", "--cascade", "--yes");
    assertThat(deleted.code()).as(deleted.toString()).isZero();
    assertThat(run("services", "show", "checkout.example.test").code())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }
}
