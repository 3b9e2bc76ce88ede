package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.CliContext;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.api.ApiClient;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian endpoints register|list|show|drain|remove}. */
@Command(
    name = "endpoints",
    description = "Register, inspect, drain and remove a service's regional endpoints.",
    mixinStandardHelpOptions = true,
    subcommands = {
      EndpointsCommand.Register.class,
      EndpointsCommand.ListCmd.class,
      EndpointsCommand.Show.class,
      EndpointsCommand.Drain.class,
      EndpointsCommand.Remove.class
    })
public final class EndpointsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Table table(List<JsonNode> endpoints) {
    Table t =
        new Table("ID", "REGION", "ADDRESS", "PROTOCOL", "HEALTH", "WEIGHT", "CAPACITY", "STATE");
    for (JsonNode e : endpoints) {
      t.row(
          Json.s(e, "id"),
          Json.s(e, "region"),
          Json.s(e, "address") + ":" + Json.s(e, "port"),
          Json.s(e, "protocol"),
          Json.s(e, "healthPath") + " " + Json.s(e, "expectedStatus"),
          Json.s(e, "weight"),
          Json.s(e, "capacity"),
          Json.s(e, "state"));
    }
    return t;
  }

  private static String path(String service, String id, String suffix) {
    return BaseCommand.svc(service, "/endpoints/" + ApiClient.seg(id) + suffix);
  }

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description =
          "Register an endpoint (idempotent: the same region/address/port gives the same id).")
  static final class Register extends BaseCommand {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--region", required = true, description = "AWS region code, e.g. us-east-1.")
    String region;

    @Option(names = "--address", required = true, description = "IPv4, IPv6 or host name.")
    String address;

    @Option(names = "--port", description = "Default 80 (HTTP) or 443 (HTTPS); required for TCP.")
    Integer port;

    @Option(names = "--protocol", description = "HTTP, HTTPS or TCP (default HTTP).")
    String protocol;

    @Option(
        names = "--id",
        description = "Endpoint id (default: derived from region/address/port).")
    String id;

    @Option(names = "--health-path", description = "Default /health.")
    String healthPath;

    @Option(names = "--expected-status", description = "e.g. 200-399 (default) or 204.")
    String expectedStatus;

    @Option(names = "--body-contains", description = "Substring the health body must contain.")
    String bodyContains;

    @Option(names = "--host-header", description = "Host header / TLS SNI name to send.")
    String hostHeader;

    @Option(names = "--no-tls-verify", description = "Do not verify HTTPS certificates.")
    boolean noTlsVerify;

    @Option(names = "--weight", description = "Base weight 0-255 (default 100).")
    Integer weight;

    @Option(names = "--capacity", description = "Capacity units (default 100).")
    Integer capacity;

    @Override
    protected int run(CliContext ctx) {
      ObjectNode b = JsonNodeFactory.instance.objectNode();
      b.put("region", region);
      b.put("address", address);
      putIf(b, "id", id);
      if (port != null) {
        b.put("port", port);
      }
      putIf(b, "protocol", protocol == null ? null : protocol.toUpperCase(java.util.Locale.ROOT));
      putIf(b, "healthPath", healthPath);
      putIf(b, "expectedStatus", expectedStatus);
      putIf(b, "bodyContains", bodyContains);
      putIf(b, "hostHeader", hostHeader);
      if (noTlsVerify) {
        b.put("tlsVerify", false);
      }
      if (weight != null) {
        b.put("weight", weight);
      }
      if (capacity != null) {
        b.put("capacity", capacity);
      }
      JsonNode r = api().post(svc(service, "/endpoints"), b);
      if (ctx.json()) {
        ctx.printJson(r);
      } else {
        ctx.out()
            .printf(
                "Registered endpoint %s (%s %s:%s) for %s%n",
                Json.s(r, "id"),
                Json.s(r, "region"),
                Json.s(r, "address"),
                Json.s(r, "port"),
                service);
      }
      return ExitCodes.OK;
    }

    private static void putIf(ObjectNode b, String k, String v) {
      if (v != null) {
        b.put(k, v);
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a service's endpoints.")
  static final class ListCmd extends BaseCommand {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Override
    protected int run(CliContext ctx) {
      JsonNode r = api().get(svc(service, "/endpoints"));
      if (ctx.json()) {
        ctx.printJson(r);
      } else {
        ctx.out().print(table(Json.items(r)).render());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one endpoint.")
  static final class Show extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "ENDPOINT_ID")
    String id;

    @Override
    protected int run(CliContext ctx) {
      JsonNode r = api().get(path(service, id, ""));
      if (ctx.json()) {
        ctx.printJson(r);
        return ExitCodes.OK;
      }
      Table t = new Table("FIELD", "VALUE");
      r.fields()
          .forEachRemaining(
              e ->
                  t.row(
                      e.getKey(),
                      e.getValue().isNull()
                          ? "-"
                          : e.getValue().isContainerNode()
                              ? e.getValue().toString()
                              : e.getValue().asText()));
      ctx.out().print(t.render());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "drain",
      mixinStandardHelpOptions = true,
      description = {
        "Drain an endpoint: its weight ramps linearly to 0 over the service's drainSeconds"
            + " (its region's share falls, the other regions take the traffic), then it leaves"
            + " DNS and its state becomes DRAINING. It stays registered and probed.",
        "Idempotent. Setting the endpoint ACTIVE again (PATCH state ACTIVE) cancels the drain."
      })
  static final class Drain extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "ENDPOINT_ID")
    String id;

    @Override
    protected int run(CliContext ctx) {
      JsonNode r = api().post(path(service, id, "/drain"), null);
      if (ctx.json()) {
        ctx.printJson(r);
      } else if (r.path("drain").isObject()) {
        JsonNode d = r.path("drain");
        ctx.out()
            .println(
                "Draining endpoint "
                    + id
                    + " of "
                    + service
                    + ": weight "
                    + Json.s(r, "weight")
                    + " ramps to 0 by "
                    + Json.s(d, "endsAt")
                    + " (now "
                    + d.path("effectiveWeight").asText()
                    + "), then state DRAINING");
      } else {
        ctx.out()
            .println(
                "Drained endpoint "
                    + id
                    + " of "
                    + service
                    + " (state "
                    + Json.s(r, "state")
                    + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Deregister an endpoint.")
  static final class Remove extends BaseCommand {
    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "ENDPOINT_ID")
    String id;

    @Option(
        names = {"-y", "--yes"},
        description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    protected int run(CliContext ctx) {
      api().get(path(service, id, "")); // 404 → exit 3 before asking
      if (!Prompts.confirm(ctx, "remove endpoint " + id + " of " + service, yes)) {
        ctx.err().println("Nothing removed.");
        return ExitCodes.FAILURE;
      }
      api().delete(path(service, id, ""));
      ctx.out().println("Removed endpoint " + id + " of " + service);
      return ExitCodes.OK;
    }
  }
}
