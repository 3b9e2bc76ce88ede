package dev.meridian.local;

import dev.meridian.functions.probe.ProbeProperties;
import dev.meridian.probe.ProbeEngine;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Local mode's one probe engine (HTTP client, virtual threads, concurrency limit), shared by every
 * vantage's probe loop and closed with the application context.
 */
@Singleton
@Requires(property = "meridian.mode", value = "local")
public final class LocalProbeEngine implements AutoCloseable {
  private final ProbeEngine engine;

  public LocalProbeEngine(ProbeProperties props, Clock clock) {
    this.engine = ProbeEngine.create(props.engineConfig(), clock);
  }

  public ProbeEngine engine() {
    return engine;
  }

  @PreDestroy
  @Override
  public void close() {
    engine.close();
  }
}
