package dev.meridian.functions.scheduler;

import dev.meridian.app.scheduler.RunResult;
import dev.meridian.app.scheduler.SchedulerService;
import dev.meridian.functions.FunctionContexts;
import dev.meridian.observability.EmfMetrics;
import dev.meridian.observability.MeridianMetrics;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduler Lambda: {@code {"reconcile": true}} or an EventBridge scheduled event runs every
 * service (the one-minute reconcile loop); {@code {"services": [...]}} runs the named ones (the
 * aggregator's asynchronous trigger). Returns a count of run outcomes; store and DNS failures are
 * reported by the service (fail static), never thrown, so Lambda does not retry a run that the next
 * minute repeats anyway.
 */
public class SchedulerHandler
    extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

  @Inject SchedulerService scheduler;
  @Inject MeridianMetrics metrics;

  public SchedulerHandler() {}

  /** Lazily initialised singletons: see {@link FunctionContexts}. */
  @Override
  protected ApplicationContextBuilder newApplicationContextBuilder() {
    return FunctionContexts.lambda();
  }

  /** For tests and local wiring: a context built from {@code builder}. */
  public SchedulerHandler(ApplicationContextBuilder builder) {
    super(builder);
  }

  @Override
  public Map<String, Object> execute(Map<String, Object> input) {
    SchedulerRequest request = SchedulerRequest.parse(input);
    try {
      List<RunResult> results =
          request.reconcile()
              ? scheduler.reconcileAll()
              : request.services().stream().map(scheduler::runOnce).toList();
      Map<String, Integer> outcomes = new TreeMap<>();
      results.forEach(r -> outcomes.merge(r.outcome().name(), 1, Integer::sum));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("mode", request.reconcile() ? "reconcile" : "triggered");
      out.put("services", results.size());
      out.put("outcomes", outcomes);
      out.put("dnsChanges", results.stream().mapToInt(RunResult::dnsChanges).sum());
      return out;
    } finally {
      if (metrics instanceof EmfMetrics emf) {
        emf.flush();
      }
    }
  }
}
