package dev.meridian.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the repo's pinned Node tools (package.json at the repo root) and the {@code node} launcher,
 * failing with a message that says how to fix the machine.
 */
final class NodeTools {

  /** dynalite 4 and the CDK CLI need Node 20 or newer. */
  static final int MIN_NODE_MAJOR = 20;

  /** Overrides the walk up from {@code user.dir}. */
  static final String ROOT_PROPERTY = "meridian.root";

  private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");

  private NodeTools() {}

  /** The nearest directory at or above {@code user.dir} whose package.json pins dynalite. */
  static Path repoRoot() {
    String override = System.getProperty(ROOT_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath().normalize();
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path packageJson = dir.resolve("package.json");
      if (Files.isRegularFile(packageJson) && mentionsDynalite(packageJson)) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the Meridian repo root: no package.json naming dynalite at or above "
            + start
            + " (set -D"
            + ROOT_PROPERTY
            + "=<repo> to point at it)");
  }

  /** The {@code node} executable on PATH, version-checked. */
  static Path requireNode(Path root) {
    Path node = onPath(isWindows() ? "node.exe" : "node");
    if (node == null) {
      throw new IllegalStateException(
          "node is not on PATH: install Node "
              + MIN_NODE_MAJOR
              + "+ (e.g. apt-get install nodejs npm), then run `npm ci` in "
              + root);
    }
    int major = majorVersion(node);
    if (major < MIN_NODE_MAJOR) {
      throw new IllegalStateException(
          "node at "
              + node
              + " is too old (major "
              + major
              + "): install Node "
              + MIN_NODE_MAJOR
              + "+, then run `npm ci` in "
              + root);
    }
    return node;
  }

  /** {@code <root>/node_modules/dynalite/cli.js}, which {@code npm ci} installs. */
  static Path requireDynalite(Path root) {
    Path cli = root.resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          "dynalite is not installed ("
              + cli
              + " is missing): run `npm ci` in "
              + root
              + " (bin/test does it for you)");
    }
    return cli;
  }

  private static boolean mentionsDynalite(Path packageJson) {
    try {
      return Files.readString(packageJson, StandardCharsets.UTF_8).contains("\"dynalite\"");
    } catch (IOException e) {
      return false;
    }
  }

  private static Path onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(entry, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int majorVersion(Path node) {
    try {
      Process p =
          new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      Matcher m = NODE_VERSION.matcher(out);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }
}
