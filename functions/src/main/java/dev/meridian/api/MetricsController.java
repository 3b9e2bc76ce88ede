package dev.meridian.api;

import dev.meridian.observability.PrometheusMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * {@code GET /metrics}: Prometheus text exposition of the process's metrics, in local mode (where
 * the metrics sink is {@link PrometheusMetrics}); on AWS metrics go to CloudWatch instead. Needs
 * the bearer token like every route but {@code /health}.
 */
@Controller
@Requires(beans = PrometheusMetrics.class)
public class MetricsController {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMetrics metrics;

  public MetricsController(PrometheusMetrics metrics) {
    this.metrics = metrics;
  }

  @Get("/metrics")
  @Produces(PROMETHEUS_TEXT)
  @Hidden
  public String scrape() {
    return metrics.scrape();
  }
}
