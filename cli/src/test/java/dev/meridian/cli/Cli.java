package dev.meridian.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code meridian} in-process with captured output, as a script would (no terminal). */
final class Cli {
  private Cli() {}

  /** The exit code and what the command printed. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result withInput(Path stateDir, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx =
        new CliContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            Map.of(),
            stateDir.getParent(),
            false,
            Clock.systemUTC());
    List<String> all = new ArrayList<>();
    all.add("--state-dir");
    all.add(stateDir.toString());
    all.addAll(List.of(args));
    int code = Main.execute(ctx, all.toArray(String[]::new));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(Path stateDir, String... args) {
    return withInput(stateDir, "", args);
  }
}
