package dev.meridian.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code meridian}, the operator CLI. Placeholder until the commands land. */
@Command(
    name = "meridian",
    mixinStandardHelpOptions = true,
    version = "meridian 0.1.0-SNAPSHOT",
    description = "Meridian, the multi-region global traffic router: operator CLI.")
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
