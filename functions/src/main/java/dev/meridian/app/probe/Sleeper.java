package dev.meridian.app.probe;

import java.time.Duration;

/** Waits between probe cycles; injected so that unit tests advance a fake clock instead. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps (zero or negative durations return at once). */
  Sleeper SYSTEM =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d);
        }
      };
}
