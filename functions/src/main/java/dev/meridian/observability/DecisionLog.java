package dev.meridian.observability;

import dev.meridian.core.model.ServiceName;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one structured log line per decision (a health or region transition, a plan publication, a
 * drill state change, a lease change, a fail-static run): {@code decision}, {@code service} and
 * small key/value evidence, as SLF4J key-value pairs that the logback JSON encoder turns into
 * fields. Values are cut at {@link #MAX_VALUE} characters so that no payload ever ends up in a log;
 * callers never pass tokens or request bodies.
 */
public final class DecisionLog {
  public static final String LOGGER_NAME = "meridian.decision";
  public static final int MAX_VALUE = 256;

  private final Logger logger;

  public DecisionLog() {
    this(LoggerFactory.getLogger(LOGGER_NAME));
  }

  public DecisionLog(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /** An informational decision (transitions, publications, drill steps). */
  public void info(String decision, ServiceName service, String summary, Map<String, ?> evidence) {
    write(logger.atInfo(), decision, service, summary, evidence);
  }

  /** A decision forced by a failure (fail static, stale lease, rejected publication). */
  public void warn(String decision, ServiceName service, String summary, Map<String, ?> evidence) {
    write(logger.atWarn(), decision, service, summary, evidence);
  }

  private static void write(
      LoggingEventBuilder b,
      String decision,
      ServiceName service,
      String summary,
      Map<String, ?> evidence) {
    b = b.addKeyValue("decision", decision);
    if (service != null) {
      b = b.addKeyValue("service", service.value());
    }
    if (evidence != null) {
      for (var e : evidence.entrySet()) {
        b = b.addKeyValue(e.getKey(), cut(e.getValue()));
      }
    }
    b.log(cut(summary));
  }

  static String cut(Object v) {
    String s = String.valueOf(v);
    return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE - 1) + "…";
  }
}
