package dev.meridian.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local state directory ({@code ~/.meridian} unless {@code --state-dir} or {@code
 * MERIDIAN_STATE_DIR} says otherwise): where local mode keeps its data and tells the CLI how to
 * reach it. Layout (docs/local-mode.md): {@code api-url}, {@code token}, {@code dns-address},
 * {@code local.pid}, {@code demo.json}, {@code dynalite/}, {@code logs/}.
 */
public record StateDir(Path path) {
  public static final String API_URL = "api-url";
  public static final String TOKEN = "token";
  public static final String DNS_ADDRESS = "dns-address";
  public static final String PID = "local.pid";
  public static final String DEMO = "demo.json";

  public Path file(String name) {
    return path.resolve(name);
  }

  /** The trimmed content of a file in the directory, if it exists and is readable. */
  public Optional<String> read(String name) {
    Path f = file(name);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      String s = Files.readString(f, StandardCharsets.UTF_8).trim();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Resolves the directory from the option, the environment, then the home directory. */
  public static StateDir resolve(Path option, java.util.Map<String, String> env, Path home) {
    if (option != null) {
      return new StateDir(option.toAbsolutePath().normalize());
    }
    String fromEnv = env.get("MERIDIAN_STATE_DIR");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new StateDir(Path.of(fromEnv).toAbsolutePath().normalize());
    }
    return new StateDir(home.resolve(".meridian"));
  }
}
