package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.CliException;
import dev.meridian.cli.DurationConverter;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.api.ApiClient;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian drill start|status|list|abort}. */
@Command(
    name = "drill",
    description =
        "Failover drills: evacuate a region or shift part of its traffic, with guard rails.",
    mixinStandardHelpOptions = true,
    subcommands = {
      DrillCommand.Start.class,
      DrillCommand.Status.class,
      DrillCommand.ListCmd.class,
      DrillCommand.Abort.class
    })
public final class DrillCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private static final Set<String> TERMINAL = Set.of("COMPLETED", "ABORTED", "REFUSED");

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String mode(JsonNode d) {
    String m = Json.s(d, "mode");
    return m.equals("SHIFT") ? "SHIFT " + Json.s(d, "shiftPercent") + "%" : m;
  }

  private static String path(String service, String id, String suffix) {
    return BaseCommand.svc(service, "/drills/" + ApiClient.seg(id) + suffix);
  }

  static String describe(JsonNode d, Instant now) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Drill %s on %s: %s of %s, %s%n",
            Json.s(d, "id"),
            Json.s(d, "service"),
            mode(d),
            Json.s(d, "region"),
            Json.s(d, "state")));
    Json.opt(d, "stateReason").ifPresent(r -> sb.append("  why: ").append(r).append('\n'));
    sb.append("  starts ").append(Json.ago(Json.s(d, "startAt"), now));
    sb.append(", expires ").append(Json.ago(Json.s(d, "expiresAt"), now)).append('\n');
    Json.opt(d, "reason")
        .filter(r -> !r.isBlank())
        .ifPresent(r -> sb.append("  reason: ").append(r).append('\n'));
    return sb.toString();
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Start a drill: shows the plan diff, asks for confirmation (unless --yes), then shows",
        "per-region weights moving until the drill is active."
      })
  static final class Start extends BaseCommand {
    @Option(
        names = {"-s", "--service"},
        required = true)
    String service;

    @Option(names = "--region", required = true, description = "The region to drill.")
    String region;

    @Option(
        names = "--shift",
        paramLabel = "PCT",
        description = "Shift PCT % (1-100) of the region's traffic away instead of evacuating it.")
    Integer shift;

    @Option(
        names = "--duration",
        defaultValue = "15m",
        converter = DurationConverter.class,
        description = "How long until automatic rollback (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--start-at", description = "ISO-8601 start time (default now).")
    String startAt;

    @Option(names = "--reason", description = "Why (kept in the audit log).")
    String reason;

    @Option(names = "--dry-run", description = "Show the plan diff; start nothing.")
    boolean dryRun;

    @Option(
        names = {"-y", "--yes"},
        description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--no-wait", description = "Do not follow the drill until it is active.")
    boolean noWait;

    @Option(
        names = "--wait",
        defaultValue = "2m",
        converter = DurationConverter.class,
        description = "How long to follow the drill at most (default ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(
        names = "--poll",
        defaultValue = "1s",
        converter = DurationConverter.class,
        hidden = true)
    Duration poll;

    private ObjectNode body(boolean dry) {
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      b.put("region", region);
      b.put("mode", shift == null ? "EVACUATE" : "SHIFT");
      if (shift != null) {
        b.put("shiftPercent", shift);
      }
      b.put("durationSeconds", duration.toSeconds());
      if (startAt != null) {
        b.put("startAt", startAt);
      }
      if (reason != null) {
        b.put("reason", reason);
      }
      b.put("dryRun", dry);
      return b;
    }

    @Override
    protected int run(CliContext ctx) throws InterruptedException {
      if (duration.isZero() || duration.isNegative()) {
        throw new CliException(ExitCodes.USAGE, "--duration must be positive");
      }
      String drills = svc(service, "/drills");
      JsonNode preview = api().post(drills, body(true));
      JsonNode pd = preview.path("drill");
      if (dryRun && ctx.json()) {
        ctx.printJson(preview);
        return refused(pd) ? ExitCodes.CONFLICT : ExitCodes.OK;
      }
      if (refused(pd)) {
        if (ctx.json()) {
          ctx.printJson(preview);
        }
        throw new CliException(
            ExitCodes.CONFLICT,
            "drill refused: " + Json.opt(pd, "stateReason").orElse("no reason given"));
      }
      if (!ctx.json()) {
        ctx.out().print(PlanView.plan(preview.path("plan")));
        ctx.out().print(PlanView.changes(preview.path("changes")));
      }
      if (dryRun) {
        ctx.out().println("Dry run: no drill started.");
        return ExitCodes.OK;
      }
      String what =
          "start a drill: "
              + (shift == null ? "evacuate " + region : "shift " + shift + "% away from " + region)
              + " of "
              + service
              + " for "
              + Json.human(duration);
      if (!Prompts.confirm(ctx, what, yes)) {
        ctx.err().println("No drill started.");
        return ExitCodes.FAILURE;
      }
      JsonNode created = api().post(drills, body(false));
      JsonNode drill = created.path("drill");
      if (refused(drill)) {
        if (ctx.json()) {
          ctx.printJson(created);
        }
        throw new CliException(
            ExitCodes.CONFLICT,
            "drill refused: " + Json.opt(drill, "stateReason").orElse("no reason given"));
      }
      String id = Json.s(drill, "id");
      if (noWait || startAt != null) {
        if (ctx.json()) {
          ctx.printJson(created);
        } else {
          ctx.out().print(describe(drill, ctx.clock().instant()));
        }
        return ExitCodes.OK;
      }
      return follow(ctx, id, created);
    }

    private static boolean refused(JsonNode drill) {
      return "REFUSED".equals(Json.s(drill, "state"));
    }

    /** Shows weights per region until the drill is active and published, or it ends. */
    private int follow(CliContext ctx, String id, JsonNode created) throws InterruptedException {
      long deadline = System.nanoTime() + wait.toNanos();
      JsonNode drill = created.path("drill");
      JsonNode status = api().get(svc(service, "/status"));
      double initialShare = share(status);
      String lastLine = null;
      boolean converged = false;
      while (true) {
        drill = api().get(path(service, id, ""));
        status = api().get(svc(service, "/status"));
        String state = Json.s(drill, "state");
        String line = state + "  " + weights(status);
        if (!ctx.json() && !line.equals(lastLine)) {
          if (ctx.interactive()) {
            ctx.err().print("\r\033[K" + line);
          } else {
            ctx.err().println(line);
          }
          ctx.err().flush();
          lastLine = line;
        }
        if (TERMINAL.contains(state)) {
          break;
        }
        if (state.equals("ACTIVE") && applied(status, initialShare)) {
          converged = true;
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          break;
        }
        Thread.sleep(poll.toMillis());
      }
      if (!ctx.json() && ctx.interactive()) {
        ctx.err().println();
      }
      if (ctx.json()) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("drill", drill);
        o.set("status", status);
        ctx.printJson(o);
      } else {
        ctx.out().print(describe(drill, ctx.clock().instant()));
        ctx.out().println("  weights now: " + weights(status));
        if (!converged && !TERMINAL.contains(Json.s(drill, "state"))) {
          ctx.out()
              .println(
                  "  not converged after "
                      + Json.human(wait)
                      + "; follow with `meridian status "
                      + service
                      + " --watch`");
        }
        if (Json.s(drill, "state").equals("ACTIVE")) {
          ctx.out().println("  abort with: meridian drill abort --service " + service + " " + id);
        }
      }
      String state = Json.s(drill, "state");
      if (state.equals("ABORTED") || state.equals("REFUSED")) {
        throw new CliException(
            ExitCodes.CONFLICT,
            "drill "
                + id
                + " "
                + state.toLowerCase(Locale.ROOT)
                + ": "
                + Json.opt(drill, "stateReason").orElse("no reason given"));
      }
      return ExitCodes.OK;
    }

    private double share(JsonNode status) {
      for (JsonNode r : Json.items(status.path("regions"))) {
        if (Json.s(r, "region").equals(region)) {
          return r.path("share").asDouble(0);
        }
      }
      return 0;
    }

    private boolean applied(JsonNode status, double initialShare) {
      double now = share(status);
      if (shift == null) {
        return now == 0.0;
      }
      return now < initialShare || initialShare == 0.0;
    }

    static String weights(JsonNode status) {
      List<String> parts = new ArrayList<>();
      for (JsonNode r : Json.items(status.path("regions"))) {
        parts.add(
            Json.s(r, "region")
                + " "
                + Json.s(r, "weight")
                + " ("
                + Json.percent(r, "share")
                + ")");
      }
      return String.join("  ", parts);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show one drill.")
  static final class Status extends BaseCommand {
    @Option(
        names = {"-s", "--service"},
        required = true)
    String service;

    @Parameters(paramLabel = "DRILL_ID")
    String id;

    @Override
    protected int run(CliContext ctx) {
      JsonNode d = api().get(path(service, id, ""));
      if (ctx.json()) {
        ctx.printJson(d);
      } else {
        ctx.out().print(describe(d, ctx.clock().instant()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a service's drills, newest first.")
  static final class ListCmd extends BaseCommand {
    @Option(
        names = {"-s", "--service"},
        required = true)
    String service;

    @Override
    protected int run(CliContext ctx) {
      JsonNode r = api().get(svc(service, "/drills"));
      if (ctx.json()) {
        ctx.printJson(r);
        return ExitCodes.OK;
      }
      Instant now = ctx.clock().instant();
      Table t = new Table("ID", "REGION", "MODE", "STATE", "STARTS", "EXPIRES", "REASON");
      for (JsonNode d : Json.items(r)) {
        t.row(
            Json.s(d, "id"),
            Json.s(d, "region"),
            mode(d),
            Json.s(d, "state"),
            Json.ago(Json.s(d, "startAt"), now),
            Json.ago(Json.s(d, "expiresAt"), now),
            Json.opt(d, "stateReason").or(() -> Json.opt(d, "reason")).orElse("-"));
      }
      ctx.out().print(t.isEmpty() ? "No drills for " + service + ".\n" : t.render());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "abort",
      mixinStandardHelpOptions = true,
      description = "Abort a drill: traffic returns at once.")
  static final class Abort extends BaseCommand {
    @Option(
        names = {"-s", "--service"},
        required = true)
    String service;

    @Parameters(paramLabel = "DRILL_ID")
    String id;

    @Option(names = "--reason", description = "Why (kept in the audit log).")
    String reason;

    @Override
    protected int run(CliContext ctx) {
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      if (reason != null) {
        b.put("reason", reason);
      }
      JsonNode d = api().post(path(service, id, "/abort"), b);
      if (ctx.json()) {
        ctx.printJson(d);
      } else {
        ctx.out().print(describe(d, ctx.clock().instant()));
      }
      return ExitCodes.OK;
    }
  }
}
