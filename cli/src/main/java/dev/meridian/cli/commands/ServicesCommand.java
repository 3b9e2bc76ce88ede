package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.apply.Applier;
import dev.meridian.cli.apply.ServicesFile;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian services apply|list|show|delete}. */
@Command(
    name = "services",
    description = "Create, update, inspect and delete services (a DNS name and its routing).",
    mixinStandardHelpOptions = true,
    subcommands = {
      ServicesCommand.Apply.class,
      ServicesCommand.ListCmd.class,
      ServicesCommand.Show.class,
      ServicesCommand.Delete.class
    })
public final class ServicesCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description = {
        "Make services and their endpoints match a YAML file (create or update; prints what"
            + " changed).",
        "The file format is in docs/cli.md; an example is docs/examples/services.yaml."
      })
  static final class Apply extends BaseCommand {
    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "services.yaml ('-' reads standard input).")
    String file;

    @Option(names = "--dry-run", description = "Show what would change; change nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Remove endpoints the file no longer lists.")
    boolean prune;

    @Override
    protected int run(CliContext ctx) throws IOException {
      List<ServicesFile.ServiceSpec> specs;
      try (InputStream in = file.equals("-") ? ctx.in() : Files.newInputStream(Path.of(file))) {
        specs = ServicesFile.parse(in, file);
      } catch (NoSuchFileException e) {
        throw new CliException(ExitCodes.USAGE, file + ": no such file");
      }
      Applier applier = new Applier(api());
      List<Applier.Action> actions = applier.plan(specs, prune);
      JsonNode report =
          applier.apply(
              actions, dryRun, ctx.json() ? null : ctx.out(), ctx.interactive() ? ctx.err() : null);
      if (ctx.json()) {
        ctx.printJson(report);
        return ExitCodes.OK;
      }
      Map<Applier.Kind, Integer> counts = new EnumMap<>(Applier.Kind.class);
      actions.forEach(a -> counts.merge(a.kind(), 1, Integer::sum));
      ctx.out()
          .printf(
              "%s: services %d created, %d updated, %d unchanged; endpoints %d registered, %d"
                  + " updated, %d replaced, %d removed, %d unchanged%n",
              dryRun ? "Dry run (nothing changed)" : "Applied",
              counts.getOrDefault(Applier.Kind.CREATE_SERVICE, 0),
              counts.getOrDefault(Applier.Kind.UPDATE_SERVICE, 0),
              counts.getOrDefault(Applier.Kind.UNCHANGED_SERVICE, 0),
              counts.getOrDefault(Applier.Kind.REGISTER_ENDPOINT, 0),
              counts.getOrDefault(Applier.Kind.UPDATE_ENDPOINT, 0),
              counts.getOrDefault(Applier.Kind.REPLACE_ENDPOINT, 0),
              counts.getOrDefault(Applier.Kind.REMOVE_ENDPOINT, 0),
              counts.getOrDefault(Applier.Kind.UNCHANGED_ENDPOINT, 0)
                  + counts.getOrDefault(Applier.Kind.KEEP_ENDPOINT, 0));
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List services.")
  static final class ListCmd extends BaseCommand {
    @Override
    protected int run(CliContext ctx) {
      JsonNode r = api().get("/v1/services");
      if (ctx.json()) {
        ctx.printJson(r);
        return ExitCodes.OK;
      }
      Table t =
          new Table("NAME", "POLICY", "TYPE", "TTL", "PROBE", "RISE/FALL", "QUORUM", "VERSION");
      for (JsonNode s : Json.items(r)) {
        JsonNode p = s.path("probe");
        t.row(
            Json.s(s, "name"),
            Json.s(s, "policy"),
            Json.s(s, "recordType"),
            Json.s(s, "ttlSeconds") + "s",
            Json.s(p, "intervalSeconds") + "s",
            Json.s(p, "rise") + "/" + Json.s(p, "fall"),
            Json.s(s, "quorum"),
            Json.s(s, "version"));
      }
      ctx.out()
          .print(
              t.isEmpty()
                  ? "No services. Create one with `meridian services apply -f services.yaml`.\n"
                  : t.render());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a service's configuration and endpoints.")
  static final class Show extends BaseCommand {
    @Parameters(paramLabel = "SERVICE", description = "The service's DNS name.")
    String service;

    @Override
    protected int run(CliContext ctx) {
      JsonNode s = api().get(svc(service, ""));
      JsonNode eps = api().get(svc(service, "/endpoints"));
      if (ctx.json()) {
        com.fasterxml.jackson.databind.node.ObjectNode both = s.deepCopy();
        both.set("endpoints", eps.isArray() ? eps : eps.path("items"));
        ctx.printJson(both);
        return ExitCodes.OK;
      }
      Table kv = new Table("SETTING", "VALUE");
      flatten("", s, kv);
      ctx.out().print(kv.render());
      ctx.out().println();
      ctx.out().print(EndpointsCommand.table(Json.items(eps)).render());
      return ExitCodes.OK;
    }

    private static void flatten(String prefix, JsonNode n, Table t) {
      n.fields()
          .forEachRemaining(
              e -> {
                String key = prefix + e.getKey();
                if (e.getValue().isObject()) {
                  flatten(key + ".", e.getValue(), t);
                } else {
                  t.row(
                      key,
                      e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
              });
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a service (its endpoints first with --cascade).")
  static final class Delete extends BaseCommand {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--cascade", description = "Remove the service's endpoints first.")
    boolean cascade;

    @Option(
        names = {"-y", "--yes"},
        description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    protected int run(CliContext ctx) {
      api().get(svc(service, "")); // 404 → exit 3 before asking anything
      List<JsonNode> eps = Json.items(api().get(svc(service, "/endpoints")));
      if (!eps.isEmpty() && !cascade) {
        throw new CliException(
            ExitCodes.CONFLICT,
            "service "
                + service
                + " still has "
                + eps.size()
                + " endpoint(s): remove them first or pass --cascade");
      }
      if (!Prompts.confirm(
          ctx,
          "delete service "
              + service
              + (eps.isEmpty() ? "" : " and its " + eps.size() + " endpoint(s)"),
          yes)) {
        ctx.err().println("Nothing deleted.");
        return ExitCodes.FAILURE;
      }
      // force=true removes the endpoints (and their health records) with the service.
      api().delete(svc(service, eps.isEmpty() ? "" : "?force=true"));
      ctx.out()
          .println(
              "Deleted service "
                  + service
                  + (eps.isEmpty() ? "" : " and " + eps.size() + " endpoint(s)"));
      return ExitCodes.OK;
    }
  }
}
