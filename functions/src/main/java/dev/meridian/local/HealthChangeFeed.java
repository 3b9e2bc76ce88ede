package dev.meridian.local;

import dev.meridian.app.aggregator.HealthChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local mode's stand-in for DynamoDB Streams: an in-process queue of health-record changes, filled
 * by {@link FeedingHealthStore} after each successful write and drained in batches by the
 * aggregator loop. Ids are increasing sequence numbers, like stream sequence numbers.
 */
public final class HealthChangeFeed {
  private final LinkedBlockingDeque<HealthChange> queue = new LinkedBlockingDeque<>();
  private final AtomicLong sequence = new AtomicLong();

  /** The next change id. */
  String nextId() {
    return Long.toString(sequence.incrementAndGet());
  }

  void publish(List<HealthChange> changes) {
    queue.addAll(changes);
  }

  /**
   * Waits up to {@code wait} for a first change, then takes up to {@code max} that are queued.
   * Empty when nothing arrived.
   */
  public List<HealthChange> take(int max, Duration wait) throws InterruptedException {
    HealthChange first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    List<HealthChange> batch = new ArrayList<>();
    batch.add(first);
    queue.drainTo(batch, max - 1);
    return batch;
  }

  /**
   * Puts changes the aggregator could not process back at the head of the feed, in their order, so
   * they are delivered again before anything newer (as a stream shard redelivers a failed batch).
   */
  public void redeliver(List<HealthChange> changes) {
    for (int i = changes.size() - 1; i >= 0; i--) {
      queue.addFirst(changes.get(i));
    }
  }

  public int pending() {
    return queue.size();
  }
}
