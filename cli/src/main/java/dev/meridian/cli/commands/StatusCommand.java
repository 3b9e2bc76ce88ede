package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.DurationConverter;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian status [SERVICE] [--watch]}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Regions, endpoints, vantage votes, weights and the last change of a service",
      "(of every service without SERVICE). --watch refreshes in place."
    })
public final class StatusCommand extends BaseCommand {
  @Parameters(arity = "0..1", paramLabel = "SERVICE")
  String service;

  @Option(
      names = {"-w", "--watch"},
      description = "Refresh until interrupted (Ctrl-C).")
  boolean watch;

  @Option(
      names = "--interval",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Refresh interval with --watch (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--iterations", hidden = true, description = "Stop --watch after N refreshes.")
  int iterations = Integer.MAX_VALUE;

  static final String CLEAR = "\033[H\033[2J";

  @Override
  protected int run(CliContext ctx) throws InterruptedException {
    int n = watch ? iterations : 1;
    String previous = null;
    for (int i = 0; i < n; i++) {
      String frame = frame(ctx);
      if (!watch) {
        ctx.out().print(frame);
      } else if (ctx.interactive()) {
        ctx.out()
            .print(
                CLEAR
                    + frame
                    + "\n(refreshing every "
                    + Json.human(interval)
                    + "; Ctrl-C to stop)\n");
      } else if (!frame.equals(previous)) {
        ctx.out().print(frame + "\n");
      }
      ctx.out().flush();
      previous = frame;
      if (i + 1 < n) {
        Thread.sleep(interval.toMillis());
      }
    }
    return ExitCodes.OK;
  }

  private String frame(CliContext ctx) {
    if (service != null) {
      JsonNode st = api().get(svc(service, "/status"));
      if (ctx.json()) {
        return json(st);
      }
      return StatusView.render(st, ctx.clock().instant());
    }
    List<JsonNode> services = Json.items(api().get("/v1/services"));
    List<JsonNode> statuses = new ArrayList<>();
    for (JsonNode s : services) {
      statuses.add(api().get(svc(s.path("name").asText(), "/status")));
    }
    if (ctx.json()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.putArray("items").addAll(statuses);
      return json(o);
    }
    if (statuses.isEmpty()) {
      return "No services. Create one with `meridian services apply -f services.yaml`.\n";
    }
    Table t = new Table("SERVICE", "POLICY", "MODE", "REGIONS (verdict weight share)");
    for (JsonNode st : statuses) {
      List<String> regions = new ArrayList<>();
      for (JsonNode r : Json.items(st.path("regions"))) {
        regions.add(
            Json.s(r, "region")
                + " "
                + Json.s(r, "verdict")
                + " "
                + Json.s(r, "weight")
                + " "
                + Json.percent(r, "share"));
      }
      t.row(
          Json.s(st, "service"),
          Json.s(st, "policy"),
          Json.s(st, "mode"),
          String.join(", ", regions));
    }
    return t.render();
  }

  private static String json(JsonNode n) {
    try {
      return Json.MAPPER.writeValueAsString(n) + "\n";
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
