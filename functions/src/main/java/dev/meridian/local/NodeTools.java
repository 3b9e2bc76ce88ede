package dev.meridian.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the repo's pinned dynalite ({@code node_modules/dynalite}, installed by {@code npm ci}) and
 * a {@code node} of version 20 or newer, failing with a message that says how to fix the machine.
 */
public final class NodeTools {
  public static final int MIN_NODE_MAJOR = 20;

  /** Set by bin/meridian to the repository root. */
  public static final String HOME_PROPERTY = "meridian.home";

  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.");

  private NodeTools() {}

  /**
   * The repository root: {@code -Dmeridian.home}, else the nearest directory at or above {@code
   * start} whose package.json pins dynalite.
   */
  public static Optional<Path> repoRoot(Path start) {
    String home = System.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return Optional.of(Path.of(home).toAbsolutePath().normalize());
    }
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path pkg = dir.resolve("package.json");
      try {
        if (Files.isRegularFile(pkg)
            && Files.readString(pkg, StandardCharsets.UTF_8).contains("\"dynalite\"")) {
          return Optional.of(dir);
        }
      } catch (IOException e) {
        // keep walking up
      }
    }
    return Optional.empty();
  }

  /** {@code <root>/node_modules/dynalite/cli.js}. */
  public static Path requireDynalite(Optional<Path> root) {
    if (root.isEmpty()) {
      throw new LocalModeException(
          "cannot find dynalite: run meridian from the Meridian repository (bin/meridian), or pass"
              + " --dynamodb-endpoint URL of a running DynamoDB-compatible server");
    }
    Path cli = root.get().resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new LocalModeException(
          "dynalite is not installed (" + cli + " is missing): run `npm ci` in " + root.get());
    }
    return cli;
  }

  /** The {@code node} on PATH, version-checked. */
  public static Path requireNode(String path) {
    Path node = null;
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        Path candidate = entry.isEmpty() ? null : Path.of(entry, "node");
        if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          node = candidate;
          break;
        }
      }
    }
    if (node == null) {
      throw new LocalModeException(
          "node is not on PATH: install Node "
              + MIN_NODE_MAJOR
              + "+ (e.g. apt-get install nodejs npm) and run `npm ci` in the repository, or pass"
              + " --dynamodb-endpoint");
    }
    int major = major(node);
    if (major < MIN_NODE_MAJOR) {
      throw new LocalModeException(
          "node at "
              + node
              + " is too old (major "
              + major
              + "): install Node "
              + MIN_NODE_MAJOR
              + "+");
    }
    return node;
  }

  private static int major(Path node) {
    try {
      Process p =
          new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      Matcher m = VERSION.matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
