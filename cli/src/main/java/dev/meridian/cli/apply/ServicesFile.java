package dev.meridian.cli.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import dev.meridian.cli.out.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A declarative {@code services.yaml}: a list of services (or {@code services:} holding the list),
 * each the service configuration fields of the API plus {@code name} and an {@code endpoints:} list
 * of endpoint registrations. Unknown fields are rejected here, because the API ignores them and a
 * typo would silently fall back to a default. Format: docs/cli.md.
 */
public final class ServicesFile {
  /** Endpoint fields the API accepts on registration. */
  public static final Set<String> ENDPOINT_FIELDS =
      Set.of(
          "id",
          "region",
          "address",
          "port",
          "protocol",
          "healthPath",
          "expectedStatus",
          "bodyContains",
          "hostHeader",
          "tlsVerify",
          "weight",
          "capacity",
          "state");

  /** One service of the file. */
  public record ServiceSpec(String name, ObjectNode config, List<ObjectNode> endpoints) {}

  private ServicesFile() {}

  public static List<ServiceSpec> parse(InputStream in, String source) {
    JsonNode root;
    try {
      root = Json.YAML.readTree(in);
    } catch (IOException e) {
      throw invalid(source, "is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root != null && root.isObject() && root.has("services")) {
      root = root.get("services");
    }
    if (root == null || !root.isArray()) {
      throw invalid(source, "must be a list of services (or `services:` holding one)");
    }
    List<ServiceSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode s : root) {
      i++;
      String where = source + ": service #" + i;
      if (!s.isObject()) {
        throw invalid(where, "must be a mapping");
      }
      ObjectNode svc = ((ObjectNode) s).deepCopy();
      JsonNode name = svc.remove("name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw invalid(where, "needs a `name` (the DNS name, e.g. api.example.com)");
      }
      where = source + ": service " + name.asText();
      if (!names.add(name.asText().toLowerCase(java.util.Locale.ROOT))) {
        throw invalid(where, "is listed twice");
      }
      JsonNode eps = svc.remove("endpoints");
      svc.remove("version");
      checkFields(where, svc, ConfigDefaults.of("placeholder.test"));
      List<ObjectNode> endpoints = new ArrayList<>();
      if (eps != null && !eps.isNull()) {
        if (!eps.isArray()) {
          throw invalid(where, "`endpoints` must be a list");
        }
        int j = 0;
        for (JsonNode e : eps) {
          j++;
          String ew = where + ": endpoint #" + j;
          if (!e.isObject()) {
            throw invalid(ew, "must be a mapping");
          }
          Set<String> unknown = new TreeSet<>();
          e.fieldNames()
              .forEachRemaining(
                  f -> {
                    if (!ENDPOINT_FIELDS.contains(f)) {
                      unknown.add(f);
                    }
                  });
          if (!unknown.isEmpty()) {
            throw invalid(
                ew,
                "unknown field(s) " + unknown + " (known: " + new TreeSet<>(ENDPOINT_FIELDS) + ")");
          }
          for (String required : List.of("region", "address")) {
            if (!e.hasNonNull(required)) {
              throw invalid(ew, "needs `" + required + "`");
            }
          }
          ObjectNode ep = ((ObjectNode) e).deepCopy();
          if (ep.has("expectedStatus") && !ep.get("expectedStatus").isNull()) {
            ep.put("expectedStatus", ep.get("expectedStatus").asText());
          }
          endpoints.add(ep);
        }
      }
      out.add(new ServiceSpec(name.asText(), svc, endpoints));
    }
    return out;
  }

  private static void checkFields(String where, JsonNode given, JsonNode known) {
    given
        .fieldNames()
        .forEachRemaining(
            f -> {
              JsonNode k = known.get(f);
              if (k == null) {
                Set<String> all = new TreeSet<>();
                known.fieldNames().forEachRemaining(all::add);
                throw invalid(where, "unknown field `" + f + "` (known: " + all + ", endpoints)");
              }
              if (k.isObject() && given.get(f).isObject()) {
                checkFields(where + ": " + f, given.get(f), k);
              }
            });
  }

  private static CliException invalid(String where, String why) {
    return new CliException(ExitCodes.USAGE, where + " " + why);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
