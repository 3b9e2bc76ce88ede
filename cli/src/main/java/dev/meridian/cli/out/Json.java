package dev.meridian.cli.out;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The CLI's JSON and YAML mappers and small helpers to read API answers defensively. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Json() {}

  /** A text field, or {@code "-"} when absent or null. */
  public static String s(JsonNode n, String field) {
    return opt(n, field).orElse("-");
  }

  public static Optional<String> opt(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.path(field);
    return v == null || v.isMissingNode() || v.isNull()
        ? Optional.empty()
        : Optional.of(v.asText());
  }

  /** The elements of {@code n.items} (or of {@code n} itself when it is an array). */
  public static List<JsonNode> items(JsonNode n) {
    JsonNode arr = n != null && n.isArray() ? n : n == null ? null : n.path("items");
    List<JsonNode> out = new ArrayList<>();
    if (arr != null && arr.isArray()) {
      arr.forEach(out::add);
    }
    return out;
  }

  /** {@code 0.5} → {@code "50%"}; {@code "-"} when absent. */
  public static String percent(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isNumber()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.0f%%", v.asDouble() * 100);
  }

  /** A timestamp shown as its age, e.g. {@code 12s ago}; the raw text when unparseable. */
  public static String ago(String iso, Instant now) {
    if (iso == null || iso.equals("-")) {
      return "-";
    }
    try {
      Duration d = Duration.between(Instant.parse(iso), now);
      return d.isNegative() ? "in " + human(d.negated()) : human(d) + " ago";
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** {@code 75s} → {@code 1m15s}. */
  public static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    if (s < 86_400) {
      return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }
    return (s / 86_400) + "d" + ((s % 86_400) / 3600 == 0 ? "" : ((s % 86_400) / 3600) + "h");
  }
}
