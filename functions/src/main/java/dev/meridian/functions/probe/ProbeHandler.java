package dev.meridian.functions.probe;

import com.amazonaws.services.lambda.runtime.Context;
import dev.meridian.app.probe.ProbeRunSummary;
import dev.meridian.app.probe.ProbeService;
import dev.meridian.app.probe.Shard;
import dev.meridian.functions.FunctionContexts;
import dev.meridian.probe.ProbeEngine;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe Lambda (one per region, scheduled every minute, one rule per shard with constant input
 * {@code {"shard": i, "shards": n}}). Converts the input, runs the probe loop for the rest of the
 * minute (the remaining time minus {@code meridian.probe.safety-margin}, at most {@code
 * meridian.probe.max-run}) and returns a small summary.
 */
public class ProbeHandler extends MicronautRequestHandler<Map<String, Object>, ProbeSummary> {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeHandler.class);

  static {
    // Before Micronaut starts: the JDK reads these settings once, on first use.
    ProbeEngine.prepareJvm();
  }

  @Inject ProbeService service;
  @Inject ProbeProperties properties;

  public ProbeHandler() {
    super();
  }

  /** For tests and custom runtimes: a context built from {@code builder} (probing enabled). */
  public ProbeHandler(ApplicationContextBuilder builder) {
    super(enableProbing(builder));
  }

  @Override
  protected ApplicationContextBuilder newApplicationContextBuilder() {
    return enableProbing(FunctionContexts.lambda());
  }

  private static ApplicationContextBuilder enableProbing(ApplicationContextBuilder builder) {
    return builder.properties(Map.of("meridian.probe.enabled", "true"));
  }

  @Override
  public ProbeSummary execute(Map<String, Object> input) {
    Shard shard = ProbeInput.shard(input, properties.getShards());
    Optional<Duration> remaining =
        getApplicationContext()
            .findBean(Context.class)
            .map(c -> Duration.ofMillis(c.getRemainingTimeInMillis()));
    Duration budget = properties.budget(remaining);
    if (budget.isZero()) {
      LOG.warn("probe.skipped shard={} reason=no time left remaining={}", shard, remaining);
    }
    try {
      ProbeRunSummary s = service.runFor(shard, budget);
      return ProbeSummary.of(service.config().vantage().code(), s);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("probe run interrupted", e);
    }
  }
}
