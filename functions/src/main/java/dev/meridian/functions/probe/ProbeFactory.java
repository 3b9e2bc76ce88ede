package dev.meridian.functions.probe;

import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.app.probe.ProbeService;
import dev.meridian.app.probe.ProbeServiceConfig;
import dev.meridian.app.probe.Sleeper;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.Validation;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.probe.ProbeEngine;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the probe engine and the probe service. Only active when {@code meridian.probe.enabled} is
 * true (the {@link ProbeHandler} sets it), so the other functions' eagerly initialised contexts
 * create no HTTP client and touch no JVM networking settings.
 */
@Factory
@Requires(property = "meridian.probe.enabled", value = "true")
public class ProbeFactory {

  /** One engine per process; closed with the context. */
  @Singleton
  @Bean(preDestroy = "close")
  ProbeEngine probeEngine(ProbeProperties props, BeanProvider<Clock> clock) {
    return ProbeEngine.create(props.engineConfig(), clock.find(null).orElseGet(Clock::systemUTC));
  }

  /**
   * The vantage is {@code meridian.vantage}, or the function's own region ({@code aws.region}) when
   * unset, since every region runs its own probe function.
   */
  @Singleton
  ProbeService probeService(
      ProbeProperties props,
      @Value("${meridian.vantage:}") String vantage,
      @Value("${aws.region:}") String region,
      EndpointRepository endpoints,
      HealthStore healthStore,
      ProbeEngine engine,
      BeanProvider<MeridianMetrics> metrics,
      BeanProvider<Clock> clock) {
    String v = vantage.isBlank() ? region : vantage;
    Validation.require(!v.isBlank(), "meridian.vantage", v, "must be set (or aws.region)");
    MeridianMetrics m = metrics.find(null).orElse(MeridianMetrics.NOOP);
    ProbeServiceConfig config =
        new ProbeServiceConfig(Region.of(v), props.getInterval(), props.getRefreshInterval());
    return new ProbeService(
        config,
        endpoints,
        healthStore,
        new DeltaHealthWriter(healthStore, props.writePolicy(), m),
        engine,
        m,
        clock.find(null).orElseGet(Clock::systemUTC),
        Sleeper.SYSTEM);
  }
}
