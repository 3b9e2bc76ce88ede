package dev.meridian.functions.probe;

import dev.meridian.app.probe.Shard;
import dev.meridian.core.model.InvalidValueException;
import java.util.Map;

/**
 * Reads the shard from the invocation input: the constant input of the EventBridge schedule, {@code
 * {"shard": 2, "shards": 4}}, or a plain scheduled event (no shard: only valid with one shard).
 * Numbers may arrive as JSON numbers or strings.
 */
final class ProbeInput {
  private ProbeInput() {}

  static Shard shard(Map<String, Object> input, int configuredShards) {
    Map<String, Object> in = input == null ? Map.of() : input;
    Integer shard = number(in, "shard");
    Integer shards = number(in, "shards");
    int count = shards != null ? shards : configuredShards;
    if (shard == null) {
      if (count != 1) {
        throw new InvalidValueException(
            "shard",
            null,
            "is required in the invocation input when there are " + count + " shards");
      }
      return Shard.ALL;
    }
    return new Shard(shard, count);
  }

  private static Integer number(Map<String, Object> in, String key) {
    Object v = in.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (v instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new InvalidValueException(key, v, "must be a whole number");
  }
}
