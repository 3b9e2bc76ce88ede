package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.CliException;
import dev.meridian.cli.DurationConverter;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.StateDir;
import dev.meridian.cli.api.ApiClient;
import dev.meridian.cli.api.RequestSigner;
import dev.meridian.cli.apply.Applier;
import dev.meridian.cli.demo.DemoSpec;
import dev.meridian.cli.demo.TrafficGenerator;
import dev.meridian.cli.local.LocalLogging;
import dev.meridian.cli.local.LocalOptions;
import dev.meridian.cli.out.Json;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.ServiceName;
import dev.meridian.local.LocalModeException;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.demo.DemoServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian demo} and its helpers {@code fail}, {@code heal}, {@code traffic}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Local mode plus three sample regional services on loopback, registered as api.demo.test",
      "across us-east-1, us-west-2 and eu-west-1. Prints what to try; Ctrl-C stops everything."
    },
    subcommands = {DemoCommand.Fail.class, DemoCommand.Heal.class, DemoCommand.Traffic.class})
public final class DemoCommand extends BaseCommand {
  @Mixin LocalOptions local = new LocalOptions();

  @Option(
      names = "--sample-port",
      defaultValue = "8080",
      description = "Port of the sample services (default ${DEFAULT-VALUE}).")
  int samplePort;

  @Option(
      names = "--sample-hosts",
      split = ",",
      defaultValue = "127.0.0.11,127.0.0.12,127.0.0.13",
      description = "Loopback addresses of the sample services (default ${DEFAULT-VALUE}).")
  List<String> sampleHosts;

  @Option(
      names = "--wait",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long to wait for the first published answer (default ${DEFAULT-VALUE}).")
  Duration wait;

  @Override
  protected int run(CliContext ctx) throws Exception {
    Path state = ctx.stateDir().path();
    Path log = LocalLogging.toFile(state);
    LocalRuntime rt = LocalCommand.startRuntime(local.settings(state, Duration.ofSeconds(2)));
    DemoServices samples;
    String token;
    try {
      token = Files.readString(rt.tokenFile(), StandardCharsets.US_ASCII).trim();
      samples = DemoServices.start(DemoSpec.placements(sampleHosts, samplePort), token);
    } catch (LocalModeException | IOException e) {
      rt.close();
      throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
    }
    try {
      writeDemoFile(ctx.stateDir(), samples);
      ApiClient api = new ApiClient(rt.apiUrl(), RequestSigner.bearer(token), Json.MAPPER, "");
      List<DemoServices.Placement> placements = new ArrayList<>();
      samples
          .services()
          .values()
          .forEach(s -> placements.add(new DemoServices.Placement(s.region(), s.host(), s.port())));
      Applier applier = new Applier(api);
      applier.apply(applier.plan(List.of(DemoSpec.spec(placements)), true), false, null, null);
      ctx.out().println(LocalCommand.banner(rt, state, log));
      ctx.out().println("Waiting for the first health verdicts and DNS answers…");
      ctx.out().flush();
      boolean published = awaitAnswers(rt, wait);
      ctx.out().println(whatToTry(ctx, rt, samples, published));
      ctx.out().flush();
    } catch (RuntimeException e) {
      samples.close();
      rt.close();
      throw e;
    }
    LocalCommand.awaitShutdown(rt, samples);
    return ExitCodes.OK;
  }

  private static boolean awaitAnswers(LocalRuntime rt, Duration wait) throws InterruptedException {
    ServiceName name = ServiceName.of(DemoSpec.SERVICE);
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      boolean answers =
          rt.publisher().published(name).stream()
              .anyMatch(r -> r.type() == RecordType.A && !r.values().isEmpty());
      if (answers) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private void writeDemoFile(StateDir state, DemoServices samples) throws IOException {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("service", DemoSpec.SERVICE);
    o.put("control", samples.controlUrl().toString());
    o.put("samplePort", samplePort);
    ObjectNode regions = o.putObject("regions");
    samples.services().forEach((r, s) -> regions.put(r, s.host() + ":" + s.port()));
    Files.writeString(state.file(StateDir.DEMO), Json.MAPPER.writeValueAsString(o));
  }

  private String whatToTry(
      CliContext ctx, LocalRuntime rt, DemoServices samples, boolean published) {
    String m = "bin/meridian" + stateFlag(ctx);
    int dnsPort = rt.dnsAddress().getPort();
    StringBuilder sb = new StringBuilder();
    sb.append(
            published
                ? "DNS answers are published."
                : "No DNS answer yet after " + Json.human(wait) + " (see the logs).")
        .append('\n');
    sb.append("Demo: ").append(DemoSpec.SERVICE).append(" across");
    samples
        .services()
        .forEach(
            (r, s) ->
                sb.append(' ')
                    .append(r)
                    .append(" (")
                    .append(s.host())
                    .append(':')
                    .append(s.port())
                    .append(')'));
    sb.append("\n\nTry, in another terminal:\n");
    String[][] lines = {
      {"dig @127.0.0.1 -p " + dnsPort + " " + DemoSpec.SERVICE, "weighted answers (TTL 5 s)"},
      {
        m + " status " + DemoSpec.SERVICE + " --watch", "regions, endpoints, vantage votes, weights"
      },
      {m + " demo traffic", "live per-region share of requests"},
      {m + " demo fail us-west-2", "stop a sample service …"},
      {m + " demo heal us-west-2", "… and bring it back (its weight ramps up)"},
      {
        m
            + " drill start --service "
            + DemoSpec.SERVICE
            + " --region us-east-1 --duration 2m --yes",
        ""
      },
      {m + " plan " + DemoSpec.SERVICE, "the plan and why"},
      {m + " events " + DemoSpec.SERVICE + " --follow", "the audit log"},
    };
    int width =
        Arrays.stream(lines)
            .filter(l -> !l[1].isEmpty())
            .mapToInt(l -> l[0].length())
            .max()
            .orElse(0);
    for (String[] l : lines) {
      sb.append("  ").append(l[0]);
      if (!l[1].isEmpty()) {
        sb.append(" ".repeat(width - l[0].length() + 3)).append(l[1]);
      }
      sb.append('\n');
    }
    sb.append("Press Ctrl-C to stop the demo (everything it started stops with it).");
    return sb.toString();
  }

  private static String stateFlag(CliContext ctx) {
    return ctx.options().stateDir == null ? "" : " --state-dir " + ctx.stateDir().path();
  }

  /** The running demo's control URL and token, from the state directory. */
  static JsonNode demoFile(StateDir state) {
    if (LocalCommand.running(state).isEmpty() || state.read(StateDir.DEMO).isEmpty()) {
      throw new CliException(
          ExitCodes.UNREACHABLE,
          "no demo is running with state directory "
              + state.path()
              + ": start it with `meridian demo`");
    }
    try {
      return Json.MAPPER.readTree(state.read(StateDir.DEMO).get());
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILURE, "unreadable " + state.file(StateDir.DEMO) + ": " + e.getMessage(), e);
    }
  }

  static String control(CliContext ctx, String method, String path) {
    StateDir state = ctx.stateDir();
    JsonNode demo = demoFile(state);
    String token = state.read(StateDir.TOKEN).orElse("");
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(demo.path("control").asText() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) {
        throw new CliException(ExitCodes.NOT_FOUND, r.body().trim());
      }
      if (r.statusCode() / 100 != 2) {
        throw new CliException(ExitCodes.forHttpStatus(r.statusCode()), r.body().trim());
      }
      return r.body();
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.UNREACHABLE, "cannot reach the demo's control server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILURE, "interrupted", e);
    }
  }

  @Command(
      name = "fail",
      mixinStandardHelpOptions = true,
      description = "Make a region's sample service fail (stop listening, or answer 503).")
  static final class Fail extends BaseCommand {
    @Parameters(paramLabel = "REGION")
    String region;

    @Option(
        names = "--mode",
        defaultValue = "down",
        description =
            "down (stop listening, like a crash) or unhealthy (answer 503); default ${DEFAULT-VALUE}.")
    String mode;

    @Override
    protected int run(CliContext ctx) {
      String m = mode.toLowerCase(Locale.ROOT);
      if (!m.equals("down") && !m.equals("unhealthy")) {
        throw new CliException(ExitCodes.USAGE, "--mode must be down or unhealthy");
      }
      ctx.out()
          .print(control(ctx, "POST", "/regions/" + ApiClient.seg(region) + "/fail?mode=" + m));
      ctx.out()
          .println(
              "The probes notice within about rise/fall × probe interval; watch with `meridian status "
                  + DemoSpec.SERVICE
                  + " --watch`.");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "heal",
      mixinStandardHelpOptions = true,
      description = "Bring a region's sample service back.")
  static final class Heal extends BaseCommand {
    @Parameters(paramLabel = "REGION")
    String region;

    @Override
    protected int run(CliContext ctx) {
      ctx.out().print(control(ctx, "POST", "/regions/" + ApiClient.seg(region) + "/heal"));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "traffic",
      mixinStandardHelpOptions = true,
      description = {
        "Send requests to api.demo.test as resolved by the embedded DNS (honouring the TTL, one",
        "cache per simulated client) and show the per-region share live."
      })
  static final class Traffic extends BaseCommand {
    @Option(
        names = "--duration",
        defaultValue = "30s",
        converter = DurationConverter.class,
        description = "How long (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
        names = "--rate",
        defaultValue = "50",
        description = "Requests per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--clients",
        defaultValue = "50",
        description = "Simulated clients, each with its own DNS cache (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(
        names = "--window",
        defaultValue = "5s",
        converter = DurationConverter.class,
        description = "Window of the shares (default ${DEFAULT-VALUE}).")
    Duration window;

    @Option(
        names = "--name",
        defaultValue = DemoSpec.SERVICE,
        description = "Name to resolve (default ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--dns",
        paramLabel = "HOST:PORT",
        description = "DNS server (default: the state directory's dns-address).")
    String dns;

    @Option(
        names = "--port",
        description = "Port to send requests to (default: the demo's sample port, 8080).")
    Integer port;

    @Override
    protected int run(CliContext ctx) throws InterruptedException {
      StateDir state = ctx.stateDir();
      String address =
          dns != null
              ? dns
              : state
                  .read(StateDir.DNS_ADDRESS)
                  .orElseThrow(
                      () ->
                          new CliException(
                              ExitCodes.UNREACHABLE,
                              "no DNS address in "
                                  + state.path()
                                  + ": is `meridian demo` running? (or pass --dns HOST:PORT)"));
      int colon = address.lastIndexOf(':');
      InetSocketAddress server =
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
      int p =
          port != null
              ? port
              : state
                  .read(StateDir.DEMO)
                  .map(
                      s -> {
                        try {
                          return Json.MAPPER
                              .readTree(s)
                              .path("samplePort")
                              .asInt(DemoSpec.SAMPLE_PORT);
                        } catch (IOException e) {
                          return DemoSpec.SAMPLE_PORT;
                        }
                      })
                  .orElse(DemoSpec.SAMPLE_PORT);
      if (rate < 1 || clients < 1) {
        throw new CliException(ExitCodes.USAGE, "--rate and --clients must be at least 1");
      }
      TrafficGenerator gen =
          new TrafficGenerator(
              name,
              clients,
              TrafficGenerator.dns(server),
              TrafficGenerator.http(name, p),
              ctx.clock(),
              new SplittableRandom(),
              window);
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long period = 1_000_000_000L / rate;
      long nextPrint = start;
      long next = start;
      while (System.nanoTime() < end) {
        gen.step();
        long now = System.nanoTime();
        if (now >= nextPrint) {
          String line = gen.line(Duration.ofNanos(now - start));
          if (ctx.interactive()) {
            ctx.out().print("\r\033[K" + line);
          } else {
            ctx.out().println(line);
          }
          ctx.out().flush();
          nextPrint += 1_000_000_000L;
        }
        next += period;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(Duration.ofNanos(sleep));
        }
      }
      if (ctx.interactive()) {
        ctx.out().println();
      }
      ctx.out().println(gen.line(duration));
      return ExitCodes.OK;
    }
  }
}
