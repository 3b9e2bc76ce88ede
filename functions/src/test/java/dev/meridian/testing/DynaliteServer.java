package dev.meridian.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite process (DynamoDB-compatible, from the repo's {@code node_modules}) on a loopback
 * port, with its data in a temporary directory, so that {@link #stop()} followed by {@link
 * #start()} simulates the store being down and coming back on the same port with the same data.
 *
 * <p>Tests get the shared instance through {@link DynaliteExtension}; they should not create their
 * own.
 */
public final class DynaliteServer implements AutoCloseable {

  /** How long start-up may take before the harness gives up (first call usually ~0.5 s). */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 3;
  private static final String LOOPBACK = "127.0.0.1";

  private final Path node;
  private final Path cliScript;
  private final Path dataDir;
  private final Path logFile;
  private final int port;
  private final Thread shutdownHook;
  // Volatile so that the shutdown hook can kill the process without taking the monitor, which a
  // test thread stuck in start() may hold.
  private volatile Process process;

  private DynaliteServer(Path node, Path cliScript, Path dataDir, Path logFile, int port) {
    this.node = node;
    this.cliScript = cliScript;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.port = port;
    this.shutdownHook = new Thread(this::killOnShutdown, "dynalite-shutdown-" + port);
  }

  /**
   * Starts dynalite from {@code <repo>/node_modules/dynalite} on a free loopback port and waits
   * until a ListTables call answers. Fails with instructions when Node or the npm package is
   * missing.
   */
  static DynaliteServer launch() {
    Path root = NodeTools.repoRoot();
    Path node = NodeTools.requireNode(root);
    Path cliScript = NodeTools.requireDynalite(root);
    Path logDir = Path.of(System.getProperty("user.dir")).resolve("target");
    IllegalStateException failure = null;
    // The free port is only free when we look; another process may take it before dynalite
    // binds, in which case dynalite exits at once and we try another port.
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      DynaliteServer server;
      try {
        Files.createDirectories(logDir);
        int port = freeLoopbackPort();
        server =
            new DynaliteServer(
                node,
                cliScript,
                Files.createTempDirectory("meridian-dynalite-"),
                logDir.resolve("dynalite-" + port + ".log"),
                port);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare dynalite", e);
      }
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      try {
        server.start();
        return server;
      } catch (StartFailure e) {
        server.close();
        if (!e.exitedEarly) {
          throw e;
        }
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    throw failure;
  }

  /** Start-up failed; {@code exitedEarly} when the process died (e.g. the port was taken). */
  private static final class StartFailure extends IllegalStateException {
    private final boolean exitedEarly;

    StartFailure(String message, boolean exitedEarly) {
      super(message);
      this.exitedEarly = exitedEarly;
    }
  }

  /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create("http://" + LOOPBACK + ":" + port);
  }

  /** The loopback port; the same across {@link #stop()} and {@link #start()}. */
  public int port() {
    return port;
  }

  /** Where dynalite's stdout and stderr go (under the module's {@code target/}). */
  public Path logFile() {
    return logFile;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Stops the process and waits for it to exit: calls fail with a connection error until {@link
   * #start()}. Data survives. Does nothing when already stopped.
   */
  public synchronized void stop() {
    destroyProcess();
    awaitPortClosed();
  }

  /**
   * (Re)starts the process on the same port with the same data and waits until it answers. Does
   * nothing when already running.
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    List<String> command =
        List.of(
            node.toString(),
            cliScript.toString(),
            "--host",
            LOOPBACK,
            "--port",
            Integer.toString(port),
            "--createTableMs",
            "0",
            "--deleteTableMs",
            "0",
            "--updateTableMs",
            "0",
            "--path",
            dataDir.toString());
    try {
      Files.writeString(
          logFile,
          "### " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(command)
              .directory(dataDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start dynalite: " + command, e);
    }
    Process started = process;
    boolean ready;
    try (DynamoDbClient probe = probeClient()) {
      ready = awaitUntil(START_TIMEOUT, () -> !started.isAlive() || answers(probe));
    }
    if (!ready || !started.isAlive()) {
      boolean exitedEarly = !started.isAlive();
      String why =
          exitedEarly
              ? "exited with status " + started.exitValue()
              : "did not answer within " + START_TIMEOUT.toSeconds() + " s";
      destroyProcess();
      throw new StartFailure(
          "dynalite on port " + port + " " + why + "; log " + logFile + ":\n" + tail(logFile),
          exitedEarly);
    }
  }

  /** Stops the process and deletes the data directory. */
  @Override
  public synchronized void close() {
    destroyProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
    deleteRecursively(dataDir);
  }

  private void killOnShutdown() {
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  private synchronized void destroyProcess() {
    Process p = process;
    process = null;
    if (p == null) {
      return;
    }
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A client without retries and with short timeouts, used only to wait for start-up. */
  private DynamoDbClient probeClient() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(DynaliteExtension.DUMMY_CREDENTIALS)
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofMillis(500))
                .socketTimeout(Duration.ofSeconds(2))
                .build())
        .overrideConfiguration(
            c ->
                c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(Duration.ofSeconds(3)))
        .build();
  }

  private static boolean answers(DynamoDbClient probe) {
    try {
      probe.listTables(r -> r.limit(1));
      return true;
    } catch (SdkException notYet) {
      return false;
    }
  }

  private void awaitPortClosed() {
    awaitUntil(STOP_TIMEOUT, () -> !accepts(port));
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean awaitUntil(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** dynalite cannot listen on port 0, so ask the kernel for a free port first. */
  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temp directory is harmless.
    }
  }
}
