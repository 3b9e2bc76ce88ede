package dev.meridian.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.meridian.api.ApiConfiguration;
import dev.meridian.api.problem.ApiException;
import dev.meridian.api.problem.ProblemType;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly, the same way on the local server and on the Lambda path: the body
 * must fit the size limit, be well-formed JSON and an object; every field must be a property of the
 * target record (recursively) and have the right JSON type. Each failure is an {@link ApiException}
 * naming the field by its JSON path ({@code probe.intervalSeconds}, {@code failoverPriority[1]}).
 * Only then is the tree bound to the record, so binding cannot fail on shape. Value rules (ranges,
 * names, addresses) are the model's, applied afterwards.
 */
@Singleton
public final class StrictJson {
  private static final JsonFactory TOKENS = new JsonFactory();
  private final JsonMapper mapper;
  private final int maxBodyBytes;

  public StrictJson(JsonMapper mapper, ApiConfiguration config) {
    this.mapper = mapper;
    this.maxBodyBytes = config.maxBodyBytes();
  }

  /**
   * Reads {@code body} as {@code type}. An absent or blank body reads as {@code {}} when {@code
   * emptyAllowed}, else it is refused.
   */
  public <T> T read(String body, Class<T> type, boolean emptyAllowed) {
    if (body == null || body.isBlank()) {
      if (!emptyAllowed) {
        throw new ApiException(ProblemType.MALFORMED_JSON, "a JSON object body is required", null);
      }
      body = "{}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxBodyBytes) {
      throw tooLarge(bytes.length, maxBodyBytes);
    }
    JsonNode tree;
    try {
      tree = mapper.readValue(bytes, JsonNode.class);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(
          ProblemType.MALFORMED_JSON, "the body is not well-formed JSON: " + brief(e), null);
    }
    if (tree == null || !tree.isObject()) {
      throw new ApiException(ProblemType.MALFORMED_JSON, "the body must be a JSON object", null);
    }
    requireNothingAfterTheObject(bytes);
    check(tree, Argument.of(type), "");
    try {
      return mapper.readValueFromTree(tree, type);
    } catch (IOException | RuntimeException e) {
      // The tree was checked against the record above; a failure here is a bug, not bad input.
      throw new IllegalStateException("binding a checked body to " + type.getSimpleName(), e);
    }
  }

  /**
   * The tree reader stops after the first JSON value and ignores what follows, so {@code {"a":1}
   * garbage} would be accepted and written. A second, token-level pass refuses any trailing
   * content.
   */
  private static void requireNothingAfterTheObject(byte[] bytes) {
    try (JsonParser parser = TOKENS.createParser(bytes)) {
      parser.nextToken();
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new ApiException(
            ProblemType.MALFORMED_JSON, "the body has content after the JSON object", null);
      }
    } catch (IOException e) {
      throw new ApiException(
          ProblemType.MALFORMED_JSON, "the body is not well-formed JSON: " + brief(e), null);
    }
  }

  /** The problem for a body over the limit. */
  public static ApiException tooLarge(long size, int limit) {
    return new ApiException(
        ProblemType.PAYLOAD_TOO_LARGE,
        "the body has " + size + " bytes; the limit is " + limit,
        null);
  }

  private static String brief(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    m = nl > 0 ? m.substring(0, nl) : m;
    return m.length() > 160 ? m.substring(0, 157) + "..." : m;
  }

  private void check(JsonNode node, Argument<?> type, String path) {
    if (node.isNull()) {
      if (type.isPrimitive()) {
        throw invalidType(path, "must not be null");
      }
      return;
    }
    Class<?> c = type.getType();
    if (c == Integer.class || c == int.class) {
      integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    } else if (c == Long.class || c == long.class) {
      integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (c == Double.class || c == double.class) {
      if (!node.isNumber()) {
        throw invalidType(path, "must be a number");
      }
      double dv = node.getNumberValue().doubleValue();
      if (Double.isNaN(dv) || Double.isInfinite(dv)) {
        throw new ApiException(ProblemType.INVALID_VALUE, path + " must be a finite number", path);
      }
    } else if (c == Boolean.class || c == boolean.class) {
      if (!node.isBoolean()) {
        throw invalidType(path, "must be true or false");
      }
    } else if (c == String.class) {
      if (!node.isString()) {
        throw invalidType(path, "must be a string");
      }
    } else if (c.isEnum()) {
      checkEnum(node, c, path);
    } else if (Collection.class.isAssignableFrom(c)) {
      if (!node.isArray()) {
        throw invalidType(path, "must be an array");
      }
      Argument<?> element = type.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
      int i = 0;
      for (JsonNode v : node.values()) {
        check(v, element, path + "[" + i++ + "]");
      }
    } else if (Map.class.isAssignableFrom(c)) {
      if (!node.isObject()) {
        throw invalidType(path, "must be an object");
      }
      Argument<?> value = type.getTypeVariable("V").orElse(Argument.OBJECT_ARGUMENT);
      for (Map.Entry<String, JsonNode> e : node.entries()) {
        check(e.getValue(), value, join(path, e.getKey()));
      }
    } else {
      checkObject(node, c, path);
    }
  }

  @SuppressWarnings("unchecked")
  private void checkObject(JsonNode node, Class<?> c, String path) {
    Optional<BeanIntrospection<Object>> found =
        BeanIntrospector.SHARED.findIntrospection((Class<Object>) c);
    if (found.isEmpty()) {
      throw new IllegalStateException("no introspection for request type " + c.getName());
    }
    if (!node.isObject()) {
      throw invalidType(path, "must be an object");
    }
    BeanIntrospection<Object> bean = found.get();
    for (Map.Entry<String, JsonNode> e : node.entries()) {
      String field = join(path, e.getKey());
      Optional<BeanProperty<Object, Object>> p = bean.getProperty(e.getKey());
      if (p.isEmpty()) {
        throw new ApiException(
            ProblemType.UNKNOWN_FIELD,
            "unknown field '"
                + abbreviate(e.getKey())
                + "'; known fields: "
                + bean.getBeanProperties().stream()
                    .map(BeanProperty::getName)
                    .sorted()
                    .collect(Collectors.joining(", ")),
            abbreviate(field));
      }
      check(e.getValue(), p.get().asArgument(), field);
    }
  }

  private static void integral(JsonNode node, String path, long min, long max) {
    if (!node.isNumber()) {
      throw invalidType(path, "must be an integer");
    }
    Number n = node.getNumberValue();
    BigInteger v;
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      v = BigInteger.valueOf(n.longValue());
    } else if (n instanceof BigInteger b) {
      v = b;
    } else {
      double dv = n.doubleValue();
      if (Double.isNaN(dv) || Double.isInfinite(dv)) {
        throw new ApiException(ProblemType.INVALID_VALUE, path + " must be a finite integer", path);
      }
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      if (d.stripTrailingZeros().scale() > 0) {
        throw invalidType(path, "must be an integer");
      }
      v = d.toBigIntegerExact();
    }
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new ApiException(
          ProblemType.INVALID_VALUE,
          path + " must be between " + min + " and " + max + " (got " + abbreviate(v + "") + ")",
          path);
    }
  }

  private static void checkEnum(JsonNode node, Class<?> c, String path) {
    String allowed =
        Arrays.stream(c.getEnumConstants())
            .map(o -> ((Enum<?>) o).name())
            .collect(Collectors.joining(", "));
    if (!node.isString()) {
      throw invalidType(path, "must be one of " + allowed);
    }
    String v = node.getStringValue();
    for (Object o : c.getEnumConstants()) {
      if (((Enum<?>) o).name().equals(v)) {
        return;
      }
    }
    throw new ApiException(
        ProblemType.INVALID_VALUE,
        path + " must be one of " + allowed + " (got '" + abbreviate(v) + "')",
        path);
  }

  private static ApiException invalidType(String path, String rule) {
    String field = path.isEmpty() ? null : path;
    return new ApiException(
        ProblemType.INVALID_TYPE, (field == null ? "the body" : field) + " " + rule, field);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 61) + "..." : s;
  }
}
