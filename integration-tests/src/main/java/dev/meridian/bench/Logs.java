package dev.meridian.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Benchmarks print their own figures: the application's INFO lines would drown them. */
final class Logs {
  private Logs() {}

  /** Every logger at WARN at the most, unless {@code -Dmeridian.bench.verbose=true}. */
  static void quiet() {
    if (Boolean.getBoolean("meridian.bench.verbose")) {
      return;
    }
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
      // Loggers with a level of their own in logback.xml (the decision log is at INFO) too.
      for (Logger l : root.getLoggerContext().getLoggerList()) {
        if (l.getLevel() != null && !l.getLevel().isGreaterOrEqual(Level.WARN)) {
          l.setLevel(Level.WARN);
        }
      }
    }
  }
}
