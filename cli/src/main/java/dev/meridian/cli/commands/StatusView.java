package dev.meridian.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.cli.out.Json;
import dev.meridian.cli.out.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a service status document (GET /v1/services/{s}/status) as text tables. */
final class StatusView {
  private StatusView() {}

  static String render(JsonNode st, Instant now) {
    StringBuilder sb = new StringBuilder();
    JsonNode published = first(st, "lastPublished", "published");
    String last = "never published";
    if (!published.isMissingNode() && !published.isNull()) {
      String at = Json.opt(published, "publishedAt").orElse(null);
      last = "last change " + (at == null ? "-" : Json.ago(at, now));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%s  policy %s  mode %s  %s%n",
            Json.s(st, "service"),
            Json.s(st, "policy"),
            Json.s(st, "mode"),
            last));
    Table regions = new Table("REGION", "VERDICT", "HEALTHY", "WEIGHT", "SHARE");
    Table endpoints =
        new Table("ENDPOINT", "REGION", "ADDRESS", "STATE", "VERDICT", "VANTAGE VOTES", "LATENCY");
    for (JsonNode r : Json.items(st.path("regions"))) {
      regions.row(
          Json.s(r, "region"),
          Json.s(r, "verdict"),
          Json.percent(r, "healthyFraction"),
          Json.s(r, "weight"),
          Json.percent(r, "share"));
      for (JsonNode e : Json.items(r.path("endpoints"))) {
        endpoints.row(
            Json.s(e, "id"),
            Json.s(r, "region"),
            Json.s(e, "address") + ":" + Json.s(e, "port"),
            Json.s(e, "state"),
            Json.s(e, "verdict"),
            votes(e),
            latency(e));
      }
    }
    sb.append('\n').append(regions.render());
    if (!endpoints.isEmpty()) {
      sb.append('\n').append(endpoints.render());
    }
    List<JsonNode> drills = Json.items(first(st, "activeDrills", "drills"));
    if (!drills.isEmpty()) {
      sb.append('\n');
      Table d = new Table("DRILL", "REGION", "MODE", "STATE", "EXPIRES");
      for (JsonNode x : drills) {
        d.row(
            Json.s(x, "id"),
            Json.s(x, "region"),
            DrillCommand.mode(x),
            Json.s(x, "state"),
            Json.ago(Json.s(x, "expiresAt"), now));
      }
      sb.append(d.render());
    }
    return sb.toString();
  }

  private static String votes(JsonNode e) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : Json.items(e.path("votes"))) {
      String s = Json.s(v, "vantage") + ":" + Json.s(v, "state");
      if (v.path("stale").asBoolean(false)) {
        s += "(stale)";
      }
      if (v.path("suppressed").asBoolean(false)) {
        s += "(damped)";
      }
      out.add(s);
    }
    return out.isEmpty() ? "-" : String.join(" ", out);
  }

  private static String latency(JsonNode e) {
    JsonNode l = first(e, "latencyMillis", "medianLatencyMillis");
    return l.isNumber() && l.asDouble() > 0
        ? String.format(Locale.ROOT, "%.0fms", l.asDouble())
        : "-";
  }

  static JsonNode first(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.path(name);
      if (!v.isMissingNode() && !v.isNull()) {
        return v;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
