package dev.meridian.bench;

import dev.meridian.aws.dynamodb.TableBootstrap;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.local.DynaliteProcess;
import dev.meridian.local.NodeTools;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Handler start-up benchmark (a command, not a test): for each Lambda handler, starts a fresh JVM
 * (same JDK, same classpath, {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} like a Lambda
 * function's small sandbox is often tuned — override with {@code --jvm-opts}) that constructs the
 * handler as the Lambda runtime does and handles one event against dynalite; and the same for a
 * plain-Java baseline handler that makes the same first SDK call (DynamoDB Query with the
 * url-connection client) without Micronaut. Time = from just before the parent starts the JVM to
 * the moment the first event returned. Prints the median of {@code --runs} per handler and the
 * ratio to the baseline (goal: at most 1.5×). {@code --cds} gives every child a dynamic AppCDS
 * archive of its own handler (made by one unmeasured run first), to show what class-data sharing
 * saves.
 *
 * <p>Events: probe {@code {"shard":0,"shards":1}} (no endpoints registered: one cycle, one read of
 * the endpoint list), aggregator one health-stream MODIFY record of an unregistered service,
 * scheduler {@code {"reconcile":true}} over empty tables, API {@code GET /v1/services}. None of
 * them leaves the machine (Route 53 / Lambda endpoints point at a closed loopback port).
 *
 * <pre>
 * java -cp 'integration-tests/target/classes:integration-tests/target/lib/*' \
 *   dev.meridian.bench.HandlerStartupBench [--runs 5] [--handlers baseline,probe,aggregator,scheduler,api]
 *   [--jvm-opts "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"] [--cds] [--classpath artifacts|build]
 * </pre>
 *
 * <p>{@code --classpath artifacts} (the default) runs every handler from the Lambda package it is
 * deployed in — the probe, aggregator and scheduler from {@code
 * functions/target/meridian-functions-events.zip}, the API from {@code
 * meridian-functions-lambda.zip}, both unpacked as the Lambda runtime does (root + {@code lib/*}) —
 * and the baseline from the events package's {@code lib/} (the same SDK jars). {@code build} runs
 * them all from this benchmark's own class path (integration-tests' dependencies), which is larger
 * than any deployed package.
 */
public final class HandlerStartupBench {
  static final String SERVICE = "api.bench.test";
  private static final String PREFIX = "meridian-";
  private static final long CHILD_TIMEOUT_SECONDS = 60;

  private HandlerStartupBench() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(DnsBench.arg(args, "--runs", "5"));
    List<String> handlers =
        Arrays.asList(
            DnsBench.arg(args, "--handlers", "baseline,probe,aggregator,scheduler,api").split(","));
    String jvmOpts = DnsBench.arg(args, "--jvm-opts", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    boolean cds = Arrays.asList(args).contains("--cds");
    String source = DnsBench.arg(args, "--classpath", "artifacts");
    if (!source.equals("artifacts") && !source.equals("build")) {
      throw new IllegalArgumentException("--classpath artifacts|build, got " + source);
    }
    if (runs < 1 || runs > 50) {
      throw new IllegalArgumentException("--runs 1..50");
    }
    Logs.quiet();
    Path state = Files.createTempDirectory("meridian-startup-bench");
    Path root =
        NodeTools.repoRoot(Path.of(System.getProperty("user.dir")))
            .orElseThrow(() -> new IllegalStateException("run from the repository"));
    try (DynaliteProcess dynalite =
        DynaliteProcess.start(
            NodeTools.requireNode(System.getenv("PATH")),
            NodeTools.requireDynalite(Optional.of(root)),
            state.resolve("dynalite"),
            state.resolve("dynalite.log"),
            0)) {
      createTables(dynalite.endpoint());
      System.out.println(Machine.describe());
      System.out.println(
          "child JVM options: "
              + jvmOpts
              + (cds ? " + AppCDS (one archive per handler, made by an unmeasured first run)" : "")
              + "; runs per handler: "
              + runs
              + "; class path: "
              + (source.equals("artifacts")
                  ? "the deployed Lambda packages (events zip: probe, aggregator, scheduler,"
                      + " baseline; lambda zip: api)"
                  : "the benchmark's own (integration-tests)"));
      Map<String, String> cdsOpts = new LinkedHashMap<>();
      Map<String, String> classPaths = classPaths(source, root, state, handlers);
      if (cds) {
        Path archives = state.resolve("cds");
        Files.createDirectories(archives);
        for (String h : handlers) {
          // CDS archives only classes from jars: pack the class directories into jars first.
          classPaths.put(
              h, jarDirectories(classPaths.get(h), Files.createDirectory(archives.resolve(h))));
          String opts =
              jvmOpts
                  + " -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="
                  + archives.resolve(h + ".jsa");
          runChild(h, dynalite.endpoint(), opts, classPaths.get(h));
          cdsOpts.put(h, opts);
        }
      }
      Map<String, long[]> results = new LinkedHashMap<>();
      Map<String, long[]> construct = new LinkedHashMap<>();
      Map<String, long[]> first = new LinkedHashMap<>();
      Map<String, Long> classes = new LinkedHashMap<>();
      // Interleave the handlers run by run so that load changes hit them all alike.
      for (String h : handlers) {
        results.put(h, new long[runs]);
        construct.put(h, new long[runs]);
        first.put(h, new long[runs]);
      }
      for (int i = 0; i < runs; i++) {
        for (String h : handlers) {
          long[] r =
              runChild(h, dynalite.endpoint(), cdsOpts.getOrDefault(h, jvmOpts), classPaths.get(h));
          results.get(h)[i] = r[0];
          construct.get(h)[i] = r[1];
          first.get(h)[i] = r[2];
          classes.put(h, r[3]);
          System.out.printf(
              Locale.ROOT,
              "  run %d %-10s %5d ms (construct %5d ms, first event %5d ms, %5d classes, load %s)%n",
              i + 1,
              h,
              r[0],
              r[1],
              r[2],
              r[3],
              Machine.loadAverage());
        }
      }
      print(results, construct, first, classes);
    } finally {
      deleteTree(state);
    }
  }

  static void createTables(URI endpoint) throws InterruptedException {
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try {
          TableBootstrap.createIfMissing(dynamo, TableNames.withPrefix(PREFIX));
          return;
        } catch (RuntimeException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /**
   * Milliseconds from just before the JVM was started to the end of its first event, of which the
   * handler's construction (JVM start + application context) and the first event; and the classes
   * loaded by then.
   */
  static long[] runChild(String handler, URI dynamo, String jvmOpts, String classPath)
      throws Exception {
    return timings(runChildOutput(handler, dynamo, jvmOpts, classPath));
  }

  /**
   * Runs one child JVM and returns its output; fails (with the output) unless it exited 0 after
   * handling its event. The first line is {@code started-at-ms=<epoch ms>}, taken just before the
   * JVM was started.
   */
  static String runChildOutput(String handler, URI dynamo, String jvmOpts, String classPath)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!jvmOpts.isBlank()) {
      cmd.addAll(Arrays.asList(jvmOpts.trim().split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add("-Daws.region=us-east-1");
    cmd.add("-Daws.disableEc2Metadata=true");
    cmd.add("-Daws.accessKeyId=local");
    cmd.add("-Daws.secretAccessKey=local");
    cmd.add("-Dmeridian.aws.dynamodb-endpoint=" + dynamo);
    cmd.add("-Dmeridian.tables.prefix=" + PREFIX);
    cmd.add("-Dmeridian.vantage=us-east-1");
    cmd.add("-Dmeridian.route53.hosted-zone-id=ZBENCH");
    cmd.add("-Dmeridian.route53.zone-name=bench.test");
    cmd.add("-Dmeridian.route53.endpoint=http://127.0.0.1:9");
    cmd.add("-Dmeridian.scheduler.function=arn:aws:lambda:us-east-1:123456789012:function:bench");
    cmd.add("-Dmicronaut.server.port=-1");
    cmd.add("-Dlogback.configurationFile=" + quietLogback());
    cmd.add(HandlerStartupChild.class.getName());
    cmd.add(handler);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().put("AWS_REGION", "us-east-1");
    long start = System.currentTimeMillis();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          handler + ": no answer within " + CHILD_TIMEOUT_SECONDS + " s");
    }
    Optional<String> at = out.lines().filter(l -> l.startsWith("handled-at-ms=")).findFirst();
    if (p.exitValue() != 0 || at.isEmpty()) {
      throw new IllegalStateException(handler + " failed (exit " + p.exitValue() + "):\n" + out);
    }
    if (Boolean.getBoolean("meridian.bench.verbose")) {
      out.lines()
          .filter(l -> !l.startsWith("handled-at-ms=") && !l.startsWith("constructed-at-ms="))
          .forEach(l -> System.out.println("    " + handler + ": " + l));
    }
    return "started-at-ms=" + start + "\n" + out;
  }

  private static long[] timings(String out) {
    long start = value(out, "started-at-ms=");
    long handled = value(out, "handled-at-ms=");
    long constructed = value(out, "constructed-at-ms=");
    return new long[] {
      handled - start, constructed - start, handled - constructed, value(out, "classes-loaded=")
    };
  }

  private static long value(String out, String key) {
    return out.lines()
        .filter(l -> l.startsWith(key))
        .findFirst()
        .map(l -> Long.parseLong(l.substring(key.length()).trim()))
        .orElseThrow(() -> new IllegalStateException("no " + key + " in:\n" + out));
  }

  private static Path quietLogback;

  /** A logback configuration with only WARN and above on stderr (the handlers log JSON lines). */
  private static synchronized Path quietLogback() throws IOException {
    if (quietLogback == null) {
      quietLogback = Files.createTempFile("meridian-bench-logback", ".xml");
      quietLogback.toFile().deleteOnExit();
      Files.writeString(
          quietLogback,
          """
          <configuration>
            <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
              <target>System.err</target>
              <encoder><pattern>%level %logger{20} %msg%n</pattern></encoder>
            </appender>
            <root level="WARN"><appender-ref ref="ERR"/></root>
          </configuration>
          """);
    }
    return quietLogback;
  }

  private static void print(
      Map<String, long[]> results,
      Map<String, long[]> construct,
      Map<String, long[]> first,
      Map<String, Long> classes) {
    long[] base = results.get("baseline");
    double baseMedian = base == null ? Double.NaN : median(base);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-10s %8s %8s %8s %14s %12s %8s %8s%n",
        "handler",
        "min ms",
        "median",
        "max ms",
        "construct med",
        "1st evt med",
        "classes",
        "ratio");
    for (Map.Entry<String, long[]> e : results.entrySet()) {
      long[] v = e.getValue().clone();
      Arrays.sort(v);
      double m = median(v);
      System.out.printf(
          Locale.ROOT,
          "%-10s %8d %8.0f %8d %14.0f %12.0f %8d %7.2fx%s%n",
          e.getKey(),
          v[0],
          m,
          v[v.length - 1],
          median(construct.get(e.getKey())),
          median(first.get(e.getKey())),
          classes.get(e.getKey()),
          m / baseMedian,
          e.getKey().equals("baseline")
              ? ""
              : (m / baseMedian <= 1.5 ? "  (goal met)" : "  (goal 1.5x missed)"));
    }
  }

  /** The class path with every directory entry replaced by a jar of its contents. */
  /** The class path of each handler's child JVM (see the class comment). */
  static Map<String, String> classPaths(String source, Path root, Path state, List<String> handlers)
      throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (source.equals("build")) {
      handlers.forEach(h -> out.put(h, System.getProperty("java.class.path")));
      return out;
    }
    String bench;
    try {
      bench =
          Path.of(
                  HandlerStartupChild.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the benchmark's classes", e);
    }
    Path events =
        unpack(
            root.resolve("functions/target/meridian-functions-events.zip"),
            state.resolve("events"));
    Path api =
        unpack(
            root.resolve("functions/target/meridian-functions-lambda.zip"), state.resolve("api"));
    for (String h : handlers) {
      Path artifact = h.equals("api") ? api : events;
      String lib = artifact.resolve("lib") + java.io.File.separator + "*";
      out.put(
          h,
          h.equals("baseline")
              ? String.join(java.io.File.pathSeparator, lib, bench)
              : String.join(java.io.File.pathSeparator, artifact.toString(), lib, bench));
    }
    return out;
  }

  /** Unpacks a Lambda package the way the Lambda runtime does (its root on the class path). */
  private static Path unpack(Path zip, Path into) throws IOException {
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          zip
              + " is missing: build it with './mvnw -B -pl integration-tests -am package -DskipTests'"
              + " (or run with --classpath build)");
    }
    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the target directory: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
    return into;
  }

  private static String jarDirectories(String classPath, Path into) throws IOException {
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path dir = Path.of(entry);
      if (!Files.isDirectory(dir)) {
        out.add(entry);
        continue;
      }
      Path jar = into.resolve("classes-" + n++ + ".jar");
      try (var zip = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
          var walk = Files.walk(dir)) {
        for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
          zip.putNextEntry(
              new java.util.jar.JarEntry(dir.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, zip);
          zip.closeEntry();
        }
      }
      out.add(jar.toString());
    }
    return String.join(java.io.File.pathSeparator, out);
  }

  static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a temp directory
                }
              });
    }
  }
}
