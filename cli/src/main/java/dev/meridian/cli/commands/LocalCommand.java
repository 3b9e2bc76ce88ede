package dev.meridian.cli.commands;

import dev.meridian.cli.CliContext;
import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.StateDir;
import dev.meridian.cli.local.LocalLogging;
import dev.meridian.cli.local.LocalOptions;
import dev.meridian.local.LocalModeException;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.LocalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meridian local up|down|status}. */
@Command(
    name = "local",
    description = "Run Meridian on this machine: dynalite, the API, probes, scheduler and DNS.",
    mixinStandardHelpOptions = true,
    subcommands = {LocalCommand.Up.class, LocalCommand.Down.class, LocalCommand.Status.class})
public final class LocalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Starts local mode with the probe engine wired in, translating start failures to one line. */
  static LocalRuntime startRuntime(LocalSettings settings) {
    try {
      return LocalRuntime.start(settings);
    } catch (LocalModeException e) {
      throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  /** Blocks until the JVM shuts down (Ctrl-C, SIGTERM, `meridian local down`). */
  static void awaitShutdown(LocalRuntime runtime, AutoCloseable... more)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (AutoCloseable c : more) {
                    try {
                      c.close();
                    } catch (Exception ignored) {
                      // best effort on the way out
                    }
                  }
                  runtime.close();
                  stopped.countDown();
                },
                "meridian-shutdown"));
    stopped.await();
  }

  static String banner(LocalRuntime rt, Path state, Path log) {
    LocalSettings s = rt.settings();
    return String.join(
        "\n",
        "Meridian local mode is up (state directory " + state + ")",
        "  API     " + rt.apiUrl() + "   (token in " + rt.tokenFile() + ")",
        "  DNS     127.0.0.1:"
            + rt.dnsAddress().getPort()
            + " UDP+TCP   dig @127.0.0.1 -p "
            + rt.dnsAddress().getPort()
            + " <service name>",
        "  store   "
            + rt.dynamoDbEndpoint()
            + (s.dynamoDbEndpoint().isPresent()
                ? ""
                : "   (dynalite, data in " + state.resolve("dynalite") + ")"),
        "  probes  "
            + s.vantages()
            + s.probeIntervalCap()
                .map(d -> ", every service at least every " + d.toMillis() + " ms")
                .orElse(", at each service's probe interval"),
        "  logs    " + log,
        "");
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start local mode in the foreground; Ctrl-C stops it (and everything it started).",
        "Restarting with the same --state-dir finds the same services."
      })
  static final class Up extends BaseCommand {
    @Mixin LocalOptions local = new LocalOptions();

    @Override
    protected int run(CliContext ctx) throws InterruptedException {
      Path state = ctx.stateDir().path();
      Path log = LocalLogging.toFile(state);
      LocalRuntime rt = startRuntime(local.settings(state, LocalSettings.DEFAULT_RECONCILE));
      ctx.out().println(banner(rt, state, log));
      ctx.out().println("Next: meridian services apply -f docs/examples/services.yaml");
      ctx.out().println("Press Ctrl-C to stop.");
      ctx.out().flush();
      awaitShutdown(rt);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stop the local mode running with this state directory (SIGTERM, then wait).")
  static final class Down extends BaseCommand {
    @Option(
        names = "--timeout",
        defaultValue = "20s",
        converter = dev.meridian.cli.DurationConverter.class,
        description = "How long to wait for it to stop (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    protected int run(CliContext ctx) throws InterruptedException {
      StateDir state = ctx.stateDir();
      Optional<ProcessHandle> p = running(state);
      if (p.isEmpty()) {
        ctx.out().println("Local mode is not running (state directory " + state.path() + ").");
        return ExitCodes.OK;
      }
      p.get().destroy();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (p.get().isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (p.get().isAlive()) {
        throw new CliException(
            ExitCodes.FAILURE,
            "local mode (pid "
                + p.get().pid()
                + ") did not stop within "
                + timeout.toSeconds()
                + " s");
      }
      ctx.out().println("Stopped local mode (pid " + p.get().pid() + ").");
      return ExitCodes.OK;
    }
  }

  static Optional<ProcessHandle> running(StateDir state) {
    return state
        .read(StateDir.PID)
        .flatMap(
            s -> {
              try {
                return ProcessHandle.of(Long.parseLong(s));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .filter(ProcessHandle::isAlive);
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Whether local mode runs with this state directory, and where.")
  static final class Status extends BaseCommand {
    @Override
    protected int run(CliContext ctx) {
      StateDir state = ctx.stateDir();
      Optional<ProcessHandle> p = running(state);
      if (p.isEmpty()) {
        ctx.out().println("Local mode is not running (state directory " + state.path() + ").");
        return ExitCodes.UNREACHABLE;
      }
      ctx.out()
          .println(
              "Local mode is running (pid "
                  + p.get().pid()
                  + ", state directory "
                  + state.path()
                  + ")");
      ctx.out().println("  API  " + state.read(StateDir.API_URL).orElse("-"));
      ctx.out().println("  DNS  " + state.read(StateDir.DNS_ADDRESS).orElse("-"));
      return ExitCodes.OK;
    }
  }
}
