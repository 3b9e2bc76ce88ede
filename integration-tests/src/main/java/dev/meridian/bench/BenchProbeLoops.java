package dev.meridian.bench;

import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.app.probe.ProbeService;
import dev.meridian.app.probe.ProbeServiceConfig;
import dev.meridian.app.probe.Sleeper;
import dev.meridian.core.health.HealthWritePolicy;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.local.LocalRuntime;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.probe.ProbeEngine;
import dev.meridian.probe.ProbeEngineConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Local mode's probe loops for the benchmarks: one production {@link ProbeService} per vantage over
 * one shared {@link ProbeEngine}, reading endpoints and writing health through the runtime's
 * context (so writes reach the aggregator through the in-process feed). The endpoint list is
 * reloaded every second so that services registered during a run are probed at once.
 */
final class BenchProbeLoops implements AutoCloseable {
  private static final Duration REFRESH = Duration.ofSeconds(1);
  private final ProbeEngine engine =
      ProbeEngine.create(ProbeEngineConfig.DEFAULT, Clock.systemUTC());

  LocalRuntime.ProbeLoopFactory factory() {
    return (context, vantage) -> {
      HealthStore health = context.getBean(HealthStore.class);
      ProbeService service =
          new ProbeService(
              new ProbeServiceConfig(vantage, Optional.empty(), REFRESH),
              context.getBean(EndpointRepository.class),
              health,
              new DeltaHealthWriter(health, HealthWritePolicy.DEFAULT, MeridianMetrics.NOOP),
              engine,
              MeridianMetrics.NOOP,
              Clock.systemUTC(),
              Sleeper.SYSTEM);
      return () -> {
        try {
          service.runOneCycle();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };
    };
  }

  @Override
  public void close() {
    engine.close();
  }
}
