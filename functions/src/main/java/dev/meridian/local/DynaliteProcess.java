package dev.meridian.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dynalite (the DynamoDB-compatible server from the repo's {@code node_modules}) as a child process
 * of local mode, on a loopback port, keeping its data under the state directory so that a restart
 * finds the same services. A small guard script makes node exit when its standard input closes, so
 * the child dies with the JVM however the JVM ends.
 */
public final class DynaliteProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DynaliteProcess.class);
  public static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final String HOST = "127.0.0.1";

  private final Process process;
  private final int port;
  private final Path log;
  private final OutputStream stdin;

  private DynaliteProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.stdin = process.getOutputStream(); // kept open: closing it stops the child
  }

  /**
   * Starts dynalite with its data in {@code dataDir} on {@code port} (a free one when 0) and waits
   * until it accepts connections.
   */
  public static DynaliteProcess start(
      Path node, Path cliScript, Path dataDir, Path logFile, int port) {
    try {
      Files.createDirectories(dataDir);
      Files.createDirectories(logFile.getParent());
      int p = port == 0 ? freePort() : port;
      if (accepts(p)) {
        throw new LocalModeException(
            "port "
                + p
                + " on "
                + HOST
                + " is in use: pick another with --dynamodb-port, or"
                + " connect to that server with --dynamodb-endpoint http://"
                + HOST
                + ":"
                + p);
      }
      Path guard = dataDir.getParent().resolve("dynalite-guard.js");
      try (InputStream in = DynaliteProcess.class.getResourceAsStream("dynalite-guard.js")) {
        if (in == null) {
          throw new LocalModeException("dynalite-guard.js is missing from the classpath");
        }
        Files.copy(in, guard, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> command =
          List.of(
              node.toString(),
              guard.toString(),
              cliScript.toString(),
              "--host",
              HOST,
              "--port",
              Integer.toString(p),
              "--createTableMs",
              "0",
              "--deleteTableMs",
              "0",
              "--updateTableMs",
              "0",
              "--path",
              dataDir.toString());
      Files.writeString(
          logFile,
          "### " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process process =
          new ProcessBuilder(command)
              .directory(dataDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      DynaliteProcess d = new DynaliteProcess(process, p, logFile);
      d.awaitListening();
      LOG.info("dynalite.started port={} data={} pid={}", p, dataDir, process.pid());
      return d;
    } catch (IOException e) {
      throw new LocalModeException("cannot start dynalite: " + e.getMessage(), e);
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new LocalModeException(
            "dynalite exited with status " + process.exitValue() + " at start; see " + log);
      }
      if (accepts(port)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new LocalModeException("interrupted while starting dynalite", e);
      }
    }
    close();
    throw new LocalModeException(
        "dynalite did not listen within " + START_TIMEOUT.toSeconds() + " s; see " + log);
  }

  public URI endpoint() {
    return URI.create("http://" + HOST + ":" + port);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the child (SIGTERM, then SIGKILL after a bounded wait). */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the guard exits on EOF; destroy() below covers the rest
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LOG.info("dynalite.stopped port={}", port);
  }

  static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }
}
