package dev.meridian.functions.scheduler;

import dev.meridian.app.scheduler.SchedulerTrigger;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Triggers the scheduler function with an asynchronous Lambda invoke ({@code InvocationType=Event})
 * of {@code {"services":[...]}}: the call returns once Lambda has queued the event (HTTP 202), so
 * the aggregator never waits for Route 53. Lambda retries a failed asynchronous invocation twice.
 * See docs/adr/0006-scheduler-trigger-and-reconcile.md.
 */
public final class LambdaAsyncSchedulerTrigger implements SchedulerTrigger {
  private final LambdaClient lambda;
  private final String functionName;

  public LambdaAsyncSchedulerTrigger(LambdaClient lambda, String functionName) {
    this.lambda = Objects.requireNonNull(lambda, "lambda");
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    if (functionName.isBlank()) {
      throw new IllegalArgumentException("meridian.scheduler.function must not be blank");
    }
  }

  @Override
  public void trigger(Set<ServiceName> services) {
    if (services.isEmpty()) {
      return;
    }
    String payload = payload(services);
    try {
      InvokeResponse r =
          lambda.invoke(
              InvokeRequest.builder()
                  .functionName(functionName)
                  .invocationType(InvocationType.EVENT)
                  .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8))
                  .build());
      if (r.statusCode() == null || r.statusCode() != 202) {
        throw new StoreUnavailableException(
            "scheduler invoke returned status " + r.statusCode(), null);
      }
    } catch (SdkException e) {
      throw new StoreUnavailableException("cannot invoke the scheduler: " + e.getMessage(), e);
    }
  }

  /** {@code {"services":["a.example.com","b.example.com"]}}, sorted. */
  static String payload(Set<ServiceName> services) {
    // Service names are validated DNS names: no character needs JSON escaping.
    return services.stream()
        .map(ServiceName::value)
        .sorted()
        .map(s -> "\"" + s + "\"")
        .collect(Collectors.joining(",", "{\"services\":[", "]}"));
  }
}
