package dev.meridian.cli.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Field-level differences between two JSON documents, as {@code path: old → new} lines. */
public final class JsonDiff {
  private JsonDiff() {}

  /** One changed field. */
  public record Change(String path, JsonNode before, JsonNode after) {
    @Override
    public String toString() {
      return path + ": " + show(before) + " → " + show(after);
    }
  }

  /**
   * Compares the fields of {@code desired} with {@code current} (fields only in {@code current},
   * such as {@code version}, are ignored). Numbers compare by value ({@code 30} equals {@code
   * 30.0}); enum-like strings compare case-insensitively.
   */
  public static List<Change> diff(JsonNode current, JsonNode desired) {
    List<Change> out = new ArrayList<>();
    diff("", current, desired, out);
    return out;
  }

  private static void diff(String path, JsonNode cur, JsonNode want, List<Change> out) {
    if (want.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = want.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode c = cur == null || !cur.isObject() ? null : cur.get(e.getKey());
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue().isObject() && c != null && c.isObject()) {
          diff(p, c, e.getValue(), out);
        } else if (!same(c, e.getValue())) {
          out.add(new Change(p, c, e.getValue()));
        }
      }
    } else if (!same(cur, want)) {
      out.add(new Change(path, cur, want));
    }
  }

  static boolean same(JsonNode a, JsonNode b) {
    boolean aNull = a == null || a.isNull() || a.isMissingNode();
    boolean bNull = b == null || b.isNull() || b.isMissingNode();
    if (aNull || bNull) {
      return aNull == bNull;
    }
    if (a.isNumber() && b.isNumber()) {
      return Double.compare(a.asDouble(), b.asDouble()) == 0;
    }
    if (a.isTextual() && b.isTextual()) {
      return a.asText().equalsIgnoreCase(b.asText());
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      return diff(a, b).isEmpty() && diff(b, a).isEmpty();
    }
    // e.g. a number given as text in YAML ("200") against a number
    return a.asText().equalsIgnoreCase(b.asText());
  }

  /** Deep-merges {@code overlay} onto a copy of {@code base}. */
  public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
    ObjectNode out = base.deepCopy();
    overlay
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode b = out.get(e.getKey());
              if (b != null && b.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge((ObjectNode) b, e.getValue()));
              } else {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  private static String show(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "(none)";
    }
    return n.isTextual() ? n.asText() : n.toString();
  }
}
