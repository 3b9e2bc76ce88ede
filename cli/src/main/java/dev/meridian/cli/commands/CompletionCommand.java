package dev.meridian.cli.commands;

import dev.meridian.cli.CliContext;
import dev.meridian.cli.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code meridian completion}: prints the bash/zsh completion script. The build also writes it to
 * {@code cli/target/meridian_completion}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the bash/zsh completion script:",
      "  source <(meridian completion)      # or save it under /etc/bash_completion.d/"
    })
public final class CompletionCommand extends BaseCommand {
  @Override
  protected int run(CliContext ctx) {
    CommandLine root = spec.root().commandLine();
    ctx.out().print(AutoComplete.bash("meridian", root));
    return ExitCodes.OK;
  }
}
