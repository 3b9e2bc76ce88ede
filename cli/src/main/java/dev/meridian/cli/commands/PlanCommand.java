package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.out.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meridian plan SERVICE}: the dry-run plan, why, and its diff against published DNS. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what the scheduler would publish now, why, and the diff against DNS.")
public final class PlanCommand extends BaseCommand {
  @Parameters(paramLabel = "SERVICE")
  String service;

  @Override
  protected int run(CliContext ctx) {
    JsonNode r = api().get(svc(service, "/plan"));
    if (ctx.json()) {
      ctx.printJson(r);
      return ExitCodes.OK;
    }
    ctx.out().print(PlanView.plan(r.path("plan")));
    JsonNode last = r.path("lastPublished");
    if (last.isObject()) {
      ctx.out()
          .printf(
              "Last published %s (mode %s)%n",
              Json.ago(Json.s(last, "publishedAt"), ctx.clock().instant()), Json.s(last, "mode"));
    } else {
      ctx.out().println("Nothing published yet.");
    }
    ctx.out().print(PlanView.changes(r.path("changes")));
    return ExitCodes.OK;
  }
}
