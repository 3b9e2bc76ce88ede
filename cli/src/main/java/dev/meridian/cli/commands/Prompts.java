package dev.meridian.cli.commands;

import dev.meridian.cli.CliContext;
import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import java.util.Locale;

/** Confirmation prompts that never hang a script: without a terminal, {@code --yes} is needed. */
final class Prompts {
  private Prompts() {}

  /** Asks {@code question [y/N]}; returns whether the answer was yes. */
  static boolean confirm(CliContext ctx, String question, boolean yes) {
    if (yes) {
      return true;
    }
    if (!ctx.interactive()) {
      throw new CliException(
          ExitCodes.USAGE, "refusing to " + question + " without confirmation: pass --yes");
    }
    ctx.err()
        .print(
            question.substring(0, 1).toUpperCase(Locale.ROOT) + question.substring(1) + "? [y/N] ");
    ctx.err().flush();
    String answer = ctx.readLine().orElse("").trim().toLowerCase(Locale.ROOT);
    return answer.equals("y") || answer.equals("yes");
  }
}
