package dev.meridian.observability;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Chooses the metrics sink: CloudWatch EMF on Lambda ({@code meridian.mode=aws}, the default),
 * Prometheus text for {@code /metrics} in local mode. The Region dimension is this process's probe
 * region ({@code meridian.vantage}), else {@code aws.region}.
 */
@Factory
public class MetricsFactory {

  @Singleton
  @Requires(property = "meridian.mode", value = "aws", defaultValue = "aws")
  EmfMetrics emfMetrics(Environment env, Clock clock) {
    return EmfMetrics.toStream(region(env), clock, System.out);
  }

  @Singleton
  @Requires(property = "meridian.mode", value = "local")
  PrometheusMetrics prometheusMetrics(Environment env) {
    return new PrometheusMetrics(region(env));
  }

  @Singleton
  DecisionLog decisionLog() {
    return new DecisionLog();
  }

  /** This process's region: {@code meridian.vantage}, else {@code aws.region}, else "unknown". */
  public static String region(Environment env) {
    return env.getProperty("meridian.vantage", String.class)
        .or(() -> env.getProperty("aws.region", String.class))
        .orElse("unknown");
  }
}
