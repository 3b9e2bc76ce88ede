package dev.meridian.app.probe;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.Validation;
import dev.meridian.probe.ShardAssignment;

/**
 * The slice of all endpoints one probe invocation owns: shard {@code index} of {@code count}, by
 * {@link ShardAssignment}'s stable hash of service and endpoint id.
 */
public record Shard(int index, int count) {
  /** Everything: one shard (local mode, small deployments). */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    Validation.inRange(count, 1, ShardAssignment.MAX_SHARDS, "shards");
    Validation.inRange(index, 0, count - 1, "shard");
  }

  public boolean owns(Endpoint endpoint) {
    return count == 1 || ShardAssignment.owns(index, count, endpoint.service(), endpoint.id());
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
