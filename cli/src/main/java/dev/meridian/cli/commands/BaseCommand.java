package dev.meridian.cli.commands;

import dev.meridian.cli.CliContext;
import dev.meridian.cli.Main;
import dev.meridian.cli.api.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: runs with the {@link CliContext} of the root {@link Main}. */
@picocli.CommandLine.Command
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  protected CliContext ctx() {
    return ((Main) spec.root().userObject()).context();
  }

  protected ApiClient api() {
    return ctx().api();
  }

  @Override
  public final Integer call() throws Exception {
    return run(ctx());
  }

  protected abstract int run(CliContext ctx) throws Exception;

  /** Path of a service's resource: {@code /v1/services/{s}} + suffix. */
  protected static String svc(String service, String suffix) {
    return "/v1/services/" + ApiClient.seg(service) + suffix;
  }
}
