package dev.meridian.cli.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode logs every decision (INFO) to {@code <state-dir>/logs/local.log}; the terminal only
 * shows errors, so the banner and live views stay readable.
 */
public final class LocalLogging {
  private LocalLogging() {}

  public static Path toFile(Path stateDir) {
    Path file = stateDir.resolve("logs").resolve("local.log");
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
      return file;
    }
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(lc);
    enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
    enc.start();
    FileAppender<ILoggingEvent> fa = new FileAppender<>();
    fa.setContext(lc);
    fa.setName("local-file");
    fa.setFile(file.toString());
    fa.setAppend(true);
    fa.setEncoder(enc);
    fa.start();
    ch.qos.logback.classic.Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(fa);
    root.setLevel(Level.INFO);
    // Warnings repeat every reconcile while a service has no healthy endpoint: the file has them;
    // the terminal only shows errors.
    if (root.getAppender("STDERR")
        instanceof ch.qos.logback.core.ConsoleAppender<ILoggingEvent> c) {
      c.clearAllFilters();
      ch.qos.logback.classic.filter.ThresholdFilter errors =
          new ch.qos.logback.classic.filter.ThresholdFilter();
      errors.setLevel("ERROR");
      errors.start();
      c.addFilter(errors);
    }
    return file;
  }
}
