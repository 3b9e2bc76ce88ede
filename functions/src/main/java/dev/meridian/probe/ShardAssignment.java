package dev.meridian.probe;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceName;
import java.nio.charset.StandardCharsets;

/**
 * Which probe shard owns an endpoint: a stable hash of {@code service/endpoint} mapped onto {@code
 * shards} buckets with Lamping and Veach's jump consistent hash. Stable across JVMs and releases
 * (FNV-1a over UTF-8, no {@code String.hashCode}), balanced, and when the shard count grows from n
 * to n+1 only about 1/(n+1) of the endpoints move, so a resize does not reset every endpoint's
 * in-memory probe state.
 */
public final class ShardAssignment {
  public static final int MAX_SHARDS = 1024;

  private ShardAssignment() {}

  /** The shard index in {@code [0, shards)} that probes this endpoint. */
  public static int shardOf(ServiceName service, EndpointId endpoint, int shards) {
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "meridian.probe.shards must be between 1 and " + MAX_SHARDS + " (got " + shards + ")");
    }
    return jump(key(service, endpoint), shards);
  }

  /** Whether {@code shard} of {@code shards} probes this endpoint. */
  public static boolean owns(int shard, int shards, ServiceName service, EndpointId endpoint) {
    return shardOf(service, endpoint, shards) == shard;
  }

  static long key(ServiceName service, EndpointId endpoint) {
    long h = 0xcbf29ce484222325L; // FNV-1a 64 offset basis
    for (byte b : (service.value() + "/" + endpoint.value()).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    // FNV's low bits mix poorly for short keys; finish with the murmur3 avalanche.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Jump consistent hash (arXiv:1406.2294). */
  static int jump(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }
}
