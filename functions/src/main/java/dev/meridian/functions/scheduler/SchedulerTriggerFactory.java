package dev.meridian.functions.scheduler;

import dev.meridian.app.scheduler.SchedulerConfiguration;
import dev.meridian.app.scheduler.SchedulerTrigger;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * On AWS the aggregator triggers the scheduler function by asynchronous invoke; the function is
 * named by {@code meridian.scheduler.function}. Local mode registers its own in-process trigger.
 */
@Factory
public class SchedulerTriggerFactory {
  @Singleton
  @Requires(property = "meridian.mode", value = "aws", defaultValue = "aws")
  @Requires(property = "meridian.scheduler.function")
  SchedulerTrigger lambdaAsyncSchedulerTrigger(LambdaClient lambda, SchedulerConfiguration config) {
    return new LambdaAsyncSchedulerTrigger(
        lambda,
        config
            .getFunction()
            .orElseThrow(
                () -> new IllegalStateException("meridian.scheduler.function must be set")));
  }
}
