package dev.meridian.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sleeper} that records each wait and advances a {@link ManualClock} instead of sleeping.
 */
public final class RecordingSleeper implements Sleeper {
  private final ManualClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  public RecordingSleeper(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    if (clock != null) {
      clock.advance(d);
    }
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
