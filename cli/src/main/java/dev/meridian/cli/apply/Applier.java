package dev.meridian.cli.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.api.ApiClient;
import dev.meridian.cli.apply.ServicesFile.ServiceSpec;
import dev.meridian.cli.out.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the API match a services file: creates or replaces service configurations (PUT with
 * If-Match, so a concurrent change is a conflict rather than a lost update), registers new
 * endpoints, patches changed ones, replaces those whose identity changed and, with {@code prune},
 * removes endpoints the file no longer lists. Plans everything first, then executes in order.
 */
public final class Applier {
  /** Endpoint fields that PATCH can change in place; others need a re-registration. */
  static final Set<String> PATCHABLE =
      Set.of(
          "weight",
          "capacity",
          "state",
          "healthPath",
          "expectedStatus",
          "bodyContains",
          "hostHeader",
          "tlsVerify");

  /** What applying does to one object. */
  public enum Kind {
    CREATE_SERVICE,
    UPDATE_SERVICE,
    UNCHANGED_SERVICE,
    REGISTER_ENDPOINT,
    UPDATE_ENDPOINT,
    REPLACE_ENDPOINT,
    REMOVE_ENDPOINT,
    KEEP_ENDPOINT,
    UNCHANGED_ENDPOINT
  }

  /** One planned action with what it changes. */
  public record Action(
      Kind kind,
      String service,
      Optional<String> endpointId,
      String describe,
      List<JsonDiff.Change> changes,
      Runnable execute) {
    boolean changesSomething() {
      return switch (kind) {
        case UNCHANGED_SERVICE, UNCHANGED_ENDPOINT, KEEP_ENDPOINT -> false;
        default -> true;
      };
    }
  }

  private final ApiClient api;

  public Applier(ApiClient api) {
    this.api = api;
  }

  /** Reads the current state and plans every action (nothing is written). */
  public List<Action> plan(List<ServiceSpec> specs, boolean prune) {
    List<Action> actions = new ArrayList<>();
    for (ServiceSpec spec : specs) {
      String base = "/v1/services/" + ApiClient.seg(spec.name());
      Optional<JsonNode> current = api.find(base);
      ObjectNode desired = JsonDiff.merge(ConfigDefaults.of(spec.name()), spec.config());
      if (current.isEmpty()) {
        actions.add(
            new Action(
                Kind.CREATE_SERVICE,
                spec.name(),
                Optional.empty(),
                "service " + spec.name() + ": create",
                List.of(),
                () -> api.put(base, desired, Map.of("If-Match", "\"0\""))));
      } else {
        List<JsonDiff.Change> changes = JsonDiff.diff(current.get(), desired);
        long version = current.get().path("version").asLong(0);
        actions.add(
            changes.isEmpty()
                ? new Action(
                    Kind.UNCHANGED_SERVICE,
                    spec.name(),
                    Optional.empty(),
                    "service " + spec.name() + ": unchanged",
                    List.of(),
                    () -> {})
                : new Action(
                    Kind.UPDATE_SERVICE,
                    spec.name(),
                    Optional.empty(),
                    "service " + spec.name() + ": update",
                    changes,
                    () -> api.put(base, desired, Map.of("If-Match", "\"" + version + "\""))));
      }
      List<JsonNode> existing =
          current.isEmpty() ? List.of() : Json.items(api.get(base + "/endpoints"));
      planEndpoints(spec, base, existing, prune, actions);
    }
    return actions;
  }

  private void planEndpoints(
      ServiceSpec spec, String base, List<JsonNode> existing, boolean prune, List<Action> out) {
    List<JsonNode> unmatched = new ArrayList<>(existing);
    List<Action> removals = new ArrayList<>();
    List<Action> others = new ArrayList<>();
    for (ObjectNode want : spec.endpoints()) {
      Optional<JsonNode> match = match(want, unmatched);
      String where = describe(want);
      if (match.isEmpty()) {
        others.add(
            new Action(
                Kind.REGISTER_ENDPOINT,
                spec.name(),
                Json.opt(want, "id"),
                "endpoint " + where + ": register",
                List.of(),
                () -> api.post(base + "/endpoints", want)));
        continue;
      }
      JsonNode cur = match.get();
      unmatched.remove(cur);
      String id = cur.path("id").asText();
      String path = base + "/endpoints/" + ApiClient.seg(id);
      List<JsonDiff.Change> changes = endpointChanges(cur, want);
      if (changes.isEmpty()) {
        others.add(
            new Action(
                Kind.UNCHANGED_ENDPOINT,
                spec.name(),
                Optional.of(id),
                "endpoint " + id + ": unchanged",
                List.of(),
                () -> {}));
      } else if (changes.stream().allMatch(c -> PATCHABLE.contains(c.path()))) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        changes.forEach(c -> patch.set(c.path(), c.after()));
        others.add(
            new Action(
                Kind.UPDATE_ENDPOINT,
                spec.name(),
                Optional.of(id),
                "endpoint " + id + ": update",
                changes,
                () -> api.patch(path, patch)));
      } else {
        ObjectNode register = want.deepCopy();
        if (!register.has("id")) {
          register.put("id", id);
        }
        others.add(
            new Action(
                Kind.REPLACE_ENDPOINT,
                spec.name(),
                Optional.of(id),
                "endpoint " + id + ": replace (remove and register again)",
                changes,
                () -> {
                  api.delete(path);
                  api.post(base + "/endpoints", register);
                }));
      }
    }
    for (JsonNode stale : unmatched) {
      String id = stale.path("id").asText();
      String path = base + "/endpoints/" + ApiClient.seg(id);
      removals.add(
          prune
              ? new Action(
                  Kind.REMOVE_ENDPOINT,
                  spec.name(),
                  Optional.of(id),
                  "endpoint " + id + ": remove (not in the file)",
                  List.of(),
                  () -> api.delete(path))
              : new Action(
                  Kind.KEEP_ENDPOINT,
                  spec.name(),
                  Optional.of(id),
                  "endpoint " + id + ": not in the file, kept (--prune removes it)",
                  List.of(),
                  () -> {}));
    }
    out.addAll(removals);
    out.addAll(others);
  }

  /** By id when the file gives one, else by region + address + port (the API's identity). */
  static Optional<JsonNode> match(ObjectNode want, List<JsonNode> existing) {
    if (want.hasNonNull("id")) {
      String id = want.get("id").asText();
      return existing.stream().filter(e -> e.path("id").asText().equals(id)).findFirst();
    }
    String region = want.path("region").asText();
    String address = want.path("address").asText().toLowerCase(Locale.ROOT);
    int port = port(want);
    return existing.stream()
        .filter(
            e ->
                e.path("region").asText().equals(region)
                    && e.path("address").asText().equalsIgnoreCase(address)
                    && (port <= 0 || e.path("port").asInt() == port))
        .findFirst();
  }

  private static int port(JsonNode ep) {
    if (ep.hasNonNull("port")) {
      return ep.get("port").asInt();
    }
    String protocol = ep.path("protocol").asText("HTTP").toUpperCase(Locale.ROOT);
    return switch (protocol) {
      case "HTTP" -> 80;
      case "HTTPS" -> 443;
      default -> -1;
    };
  }

  private static List<JsonDiff.Change> endpointChanges(JsonNode cur, ObjectNode want) {
    ObjectNode compared = want.deepCopy();
    compared.remove("id");
    return JsonDiff.diff(cur, compared);
  }

  private static String describe(JsonNode ep) {
    String id = Json.opt(ep, "id").map(i -> i + " ").orElse("");
    String port = ep.hasNonNull("port") ? ":" + ep.get("port").asText() : "";
    return id + "(" + ep.path("region").asText() + " " + ep.path("address").asText() + port + ")";
  }

  /**
   * Prints the plan and, unless {@code dryRun}, executes it, with a progress counter on {@code
   * progress} when there are many writes. Returns a JSON report of what was (or would be) done.
   */
  public JsonNode apply(
      List<Action> actions, boolean dryRun, PrintStream lines, PrintStream progress) {
    ArrayNode report = JsonNodeFactory.instance.arrayNode();
    long writes = actions.stream().filter(Action::changesSomething).count();
    int done = 0;
    for (Action a : actions) {
      boolean writes1 = a.changesSomething();
      String prefix = !writes1 ? "  " : dryRun ? "~ " : "+ ";
      if (lines != null) {
        lines.println(prefix + (dryRun && writes1 ? "would " : "") + a.describe());
        for (JsonDiff.Change c : a.changes()) {
          lines.println("      " + c);
        }
      }
      if (!dryRun && writes1) {
        a.execute().run();
        done++;
        if (progress != null && writes > 5) {
          progress.print("\rapplied " + done + "/" + writes);
          progress.flush();
        }
      }
      ObjectNode r = report.addObject();
      r.put("action", a.kind().name());
      r.put("service", a.service());
      a.endpointId().ifPresent(id -> r.put("endpoint", id));
      ArrayNode ch = r.putArray("changes");
      a.changes().forEach(c -> ch.add(c.toString()));
    }
    if (progress != null && writes > 5 && !dryRun) {
      progress.println();
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("dryRun", dryRun);
    root.set("actions", report);
    return root;
  }
}
