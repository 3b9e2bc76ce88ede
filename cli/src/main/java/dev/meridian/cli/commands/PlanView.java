package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders plans and DNS change lists (plan preview, drill dry runs). */
final class PlanView {
  private PlanView() {}

  static String plan(JsonNode plan) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Plan for %s: policy %s, %s records, TTL %ss, mode %s%n",
            Json.s(plan, "service"),
            Json.s(plan, "policy"),
            Json.s(plan, "recordType"),
            Json.s(plan, "ttlSeconds"),
            Json.s(plan, "mode")));
    Table t = new Table("REGION", "WEIGHT", "SHARE", "INCLUDED", "ROLE", "VALUES");
    for (JsonNode r : Json.items(plan.path("regions"))) {
      List<String> values = new ArrayList<>();
      r.path("values").forEach(v -> values.add(v.asText()));
      t.row(
          Json.s(r, "region"),
          Json.s(r, "weight"),
          Json.percent(r, "share"),
          r.path("included").asBoolean() ? "yes" : "no",
          Json.s(r, "role"),
          values.isEmpty() ? "-" : String.join(",", values));
    }
    sb.append(t.render());
    List<JsonNode> why = Json.items(plan.path("explanation"));
    if (!why.isEmpty()) {
      sb.append("Why:\n");
      why.forEach(w -> sb.append("  - ").append(w.asText()).append('\n'));
    }
    Json.opt(plan, "capacityWarning")
        .ifPresent(w -> sb.append("Capacity warning: ").append(w).append('\n'));
    return sb.toString();
  }

  /** One line per change: {@code ~ UPSERT name type [set] weight N → values}. */
  static String changes(JsonNode changes) {
    List<JsonNode> list = Json.items(changes);
    if (list.isEmpty()) {
      return "No DNS changes: what is published already matches.\n";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("DNS changes against what is published (").append(list.size()).append("):\n");
    for (JsonNode c : list) {
      JsonNode r = c.path("record");
      String action = Json.s(c, "action");
      String mark = action.equals("DELETE") ? "-" : "~";
      List<String> values = new ArrayList<>();
      r.path("values").forEach(v -> values.add(v.asText()));
      sb.append(
          String.format(
              Locale.ROOT,
              "  %s %-6s %s %s%s%s ttl %ss -> %s%n",
              mark,
              action,
              Json.s(r, "name"),
              Json.s(r, "type"),
              Json.opt(r, "setIdentifier").map(s -> " [" + s + "]").orElse(""),
              routing(r),
              Json.s(r, "ttlSeconds"),
              values.isEmpty() ? "(no values)" : String.join(",", values)));
    }
    return sb.toString();
  }

  private static String routing(JsonNode r) {
    String routing = Json.s(r, "routing");
    return switch (routing) {
      case "WEIGHTED" -> " weight " + Json.s(r, "weight");
      case "FAILOVER" -> " " + Json.s(r, "failover");
      case "LATENCY" -> " latency " + Json.s(r, "latencyRegion");
      case "MULTIVALUE" -> " multivalue";
      default -> "";
    };
  }
}
