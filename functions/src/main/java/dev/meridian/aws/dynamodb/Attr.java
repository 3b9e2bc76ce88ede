package dev.meridian.aws.dynamodb;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute names shared by every table, and small typed accessors for hand-written item mappers.
 * Instants and durations are stored as ISO-8601 strings (exact round trip, readable in the
 * console); numbers as N; the TTL attribute {@link #EXPIRES_AT} as epoch seconds.
 */
final class Attr {
  private Attr() {}

  static final String PK = "pk";
  static final String SK = "sk";
  static final String VERSION = "version";
  static final String EXPIRES_AT = "expiresAt";

  /** A mutable item under construction: skips absent optionals. */
  static final class Item {
    private final Map<String, AttributeValue> m = new HashMap<>();

    Item key(String pk, String sk) {
      m.put(PK, AttributeValue.fromS(pk));
      m.put(SK, AttributeValue.fromS(sk));
      return this;
    }

    /** Stores a string; an empty string is left out (readers default it to ""). */
    Item s(String name, String v) {
      if (!v.isEmpty()) {
        m.put(name, AttributeValue.fromS(v));
      }
      return this;
    }

    Item s(String name, Optional<String> v) {
      v.ifPresent(x -> s(name, x));
      return this;
    }

    Item n(String name, long v) {
      m.put(name, AttributeValue.fromN(Long.toString(v)));
      return this;
    }

    Item d(String name, double v) {
      m.put(name, AttributeValue.fromN(num(v)));
      return this;
    }

    Item bool(String name, boolean v) {
      m.put(name, AttributeValue.fromBool(v));
      return this;
    }

    Item instant(String name, Instant v) {
      return s(name, v.toString());
    }

    Item instant(String name, Optional<Instant> v) {
      v.ifPresent(x -> instant(name, x));
      return this;
    }

    Item duration(String name, Duration v) {
      return s(name, v.toString());
    }

    Item strings(String name, List<String> v) {
      m.put(name, AttributeValue.fromL(v.stream().map(AttributeValue::fromS).toList()));
      return this;
    }

    Item map(String name, Map<String, AttributeValue> v) {
      m.put(name, AttributeValue.fromM(v));
      return this;
    }

    Item list(String name, List<AttributeValue> v) {
      m.put(name, AttributeValue.fromL(v));
      return this;
    }

    Map<String, AttributeValue> build() {
      return Map.copyOf(m);
    }
  }

  static Item item() {
    return new Item();
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
  }

  static String num(double v) {
    return BigDecimal.valueOf(v).toPlainString();
  }

  static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  // --- reading -----------------------------------------------------------------------------

  static AttributeValue req(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    if (v == null) {
      throw new IllegalStateException("stored item lacks attribute '" + name + "': " + m.keySet());
    }
    return v;
  }

  static String s(Map<String, AttributeValue> m, String name) {
    return req(m, name).s();
  }

  static Optional<String> optS(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    return v == null || v.s() == null ? Optional.empty() : Optional.of(v.s());
  }

  static long n(Map<String, AttributeValue> m, String name) {
    return new BigDecimal(req(m, name).n()).longValueExact();
  }

  static int i(Map<String, AttributeValue> m, String name) {
    return Math.toIntExact(n(m, name));
  }

  static double d(Map<String, AttributeValue> m, String name) {
    return Double.parseDouble(req(m, name).n());
  }

  static boolean bool(Map<String, AttributeValue> m, String name) {
    return Boolean.TRUE.equals(req(m, name).bool());
  }

  static Instant instant(Map<String, AttributeValue> m, String name) {
    return Instant.parse(s(m, name));
  }

  static Optional<Instant> optInstant(Map<String, AttributeValue> m, String name) {
    return optS(m, name).map(Instant::parse);
  }

  static Duration duration(Map<String, AttributeValue> m, String name) {
    return Duration.parse(s(m, name));
  }

  static List<String> strings(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
  }

  static Map<String, AttributeValue> map(Map<String, AttributeValue> m, String name) {
    return req(m, name).m();
  }

  static List<AttributeValue> list(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    return v == null || !v.hasL() ? List.of() : v.l();
  }

  static long version(Map<String, AttributeValue> m) {
    return n(m, VERSION);
  }
}
