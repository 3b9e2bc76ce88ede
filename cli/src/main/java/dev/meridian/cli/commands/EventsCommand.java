package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.DurationConverter;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.api.ApiClient;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian events SERVICE [--follow]}: the audit log, newest first (or followed). */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description =
        "A service's audit log: health transitions, publications, drills, config changes.")
public final class EventsCommand extends BaseCommand {
  @Parameters(paramLabel = "SERVICE")
  String service;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new events (Ctrl-C to stop).")
  boolean follow;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "How many (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--interval",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Poll interval with --follow (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--iterations", hidden = true)
  int iterations = Integer.MAX_VALUE;

  @Override
  protected int run(CliContext ctx) throws InterruptedException {
    String path = svc(service, "/events");
    JsonNode page = api().get(path + ApiClient.query(Map.of("limit", limit)));
    List<JsonNode> items = Json.items(page);
    if (!follow) {
      if (ctx.json()) {
        ctx.printJson(page);
        return ExitCodes.OK;
      }
      Table t = new Table("AT", "KIND", "ACTOR", "SUMMARY");
      items.forEach(
          e -> t.row(Json.s(e, "at"), Json.s(e, "kind"), Json.s(e, "actor"), Json.s(e, "summary")));
      ctx.out().print(t.isEmpty() ? "No events for " + service + ".\n" : t.render());
      return ExitCodes.OK;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < iterations; i++) {
      List<JsonNode> fresh = new ArrayList<>();
      for (JsonNode e : items) {
        if (seen.add(Json.s(e, "id"))) {
          fresh.add(e);
        }
      }
      Collections.reverse(fresh); // oldest first when following
      for (JsonNode e : fresh) {
        if (ctx.json()) {
          ctx.out().println(e.toString()); // one JSON object per line
        } else {
          ctx.out()
              .printf(
                  "%s  %-17s %-18s %s%s%n",
                  Json.s(e, "at"),
                  Json.s(e, "kind"),
                  Json.s(e, "actor"),
                  Json.s(e, "summary"),
                  details(e));
        }
      }
      ctx.out().flush();
      if (i + 1 >= iterations) {
        break;
      }
      Thread.sleep(interval.toMillis());
      items = Json.items(api().get(path + ApiClient.query(Map.of("limit", limit))));
    }
    return ExitCodes.OK;
  }

  private static String details(JsonNode e) {
    JsonNode d = e.path("details");
    if (!d.isObject() || d.isEmpty()) {
      return "";
    }
    Map<String, String> m = new LinkedHashMap<>();
    d.fields().forEachRemaining(x -> m.put(x.getKey(), x.getValue().asText()));
    return "  " + m;
  }
}
