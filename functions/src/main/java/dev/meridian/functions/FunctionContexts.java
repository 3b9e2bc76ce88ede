package dev.meridian.functions;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * How the Lambda handlers build their Micronaut context on a cold start (ADR 0011).
 *
 * <p>Micronaut's own Lambda builder initialises every singleton eagerly, so each function built
 * every bean it could see — the Route 53 client in the aggregator, the HTTP router in the probe —
 * before its first event. Here singletons are created on first use, so a function builds only the
 * graph its handler injects. Configuration beans stay eager, so a bad setting still fails the cold
 * start rather than the first event. The environments are named ({@code function}, {@code lambda})
 * instead of deduced: deduction inspects the environment and the stack on every cold start and adds
 * nothing the functions use.
 */
public final class FunctionContexts {
  /** The environment every Lambda function runs in, besides {@link Environment#FUNCTION}. */
  public static final String LAMBDA = "lambda";

  private FunctionContexts() {}

  /** The builder the handlers' no-argument constructors (the Lambda runtime's path) use. */
  public static ApplicationContextBuilder lambda() {
    return ApplicationContext.builder()
        .environments(Environment.FUNCTION, LAMBDA)
        .deduceEnvironment(false)
        .eagerInitConfiguration(true);
  }
}
