package dev.meridian.local;

import dev.meridian.app.aggregator.AggregationResult;
import dev.meridian.app.aggregator.AggregatorService;
import dev.meridian.app.aggregator.HealthChange;
import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.app.probe.ProbeService;
import dev.meridian.app.probe.ProbeServiceConfig;
import dev.meridian.app.scheduler.InProcessSchedulerTrigger;
import dev.meridian.app.scheduler.SchedulerService;
import dev.meridian.aws.dynamodb.TableBootstrap;
import dev.meridian.aws.dynamodb.TableNames;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.functions.probe.ProbeProperties;
import dev.meridian.local.dns.DnsServerConfig;
import dev.meridian.local.dns.EmbeddedDnsServer;
import dev.meridian.local.dns.LocalDnsPublisher;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.probe.ProbeEngine;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Meridian on one machine: dynalite (or a given DynamoDB endpoint) for the tables, the HTTP API on
 * 127.0.0.1, one probe loop per vantage, the aggregator fed by an in-process queue instead of
 * DynamoDB Streams, the scheduler (triggered in-process, plus a reconcile loop), and the embedded
 * authoritative DNS server answering from what the scheduler publishes. The application services
 * are the same classes as on AWS; only the adapters differ (docs/local-mode.md, ADR 0008).
 *
 * <p>{@link #close()} stops everything in reverse order with bounded waits; the CLI calls it from a
 * shutdown hook so Ctrl-C and SIGTERM leave nothing running. One runtime per state directory at a
 * time (a file lock).
 */
public final class LocalRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

  public static final String API_URL_FILE = "api-url";
  public static final String DNS_ADDRESS_FILE = "dns-address";
  public static final String TOKEN_FILE = "token";
  public static final String PID_FILE = "local.pid";
  public static final String LOCK_FILE = "local.lock";
  private static final Duration LOOP_JOIN = Duration.ofSeconds(3);
  private static final Duration QUEUE_WAIT = Duration.ofMillis(200);
  private static final int AGGREGATOR_BATCH = 500;

  /** One vantage's probe cycle: probes what is due, returns when the next probe is due. */
  public interface ProbeCycle {
    Optional<Instant> run() throws InterruptedException;
  }

  /**
   * Builds one vantage's probe cycle from the application context; the default is a {@link
   * ProbeService} per vantage sharing one {@link ProbeEngine}. Tests may pass {@code null} for no
   * probes at all.
   */
  public interface ProbeLoopFactory {
    ProbeCycle cycle(ApplicationContext context, dev.meridian.core.model.Region vantage);
  }

  /** How long a probe loop sleeps at most, so that newly registered endpoints are seen soon. */
  private static final Duration PROBE_IDLE = Duration.ofSeconds(1);

  /** How often each vantage re-reads the endpoint list (AWS: 15 s). */
  static final Duration PROBE_REFRESH = Duration.ofSeconds(2);

  private final LocalSettings settings;
  private final ProbeLoopFactory probes;
  private final HealthChangeFeed feed = new HealthChangeFeed();
  private final LinkedBlockingQueue<ServiceName> triggers = new LinkedBlockingQueue<>();
  private final List<Thread> loops = new ArrayList<>();
  private volatile boolean running;
  private FileChannel lockChannel;
  private FileLock lock;
  private DynaliteProcess dynalite;
  private URI dynamoEndpoint;
  private DynamoDbClient dynamo;
  private LocalDnsPublisher publisher;
  private EmbeddedDnsServer dns;
  private ApplicationContext context;
  private EmbeddedServer server;

  private LocalRuntime(LocalSettings settings, ProbeLoopFactory probes) {
    this.settings = settings;
    this.probes = probes;
  }

  /** Starts everything with a {@link ProbeService} per vantage. */
  public static LocalRuntime start(LocalSettings settings) {
    return start(settings, LocalRuntime::probeService);
  }

  /** Starts everything, or stops what was started and throws {@link LocalModeException}. */
  public static LocalRuntime start(LocalSettings settings, ProbeLoopFactory probes) {
    LocalRuntime r = new LocalRuntime(settings, probes);
    try {
      r.doStart();
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  private void doStart() {
    Path state = settings.stateDir();
    createPrivateDirectory(state);
    takeLock(state);
    startStore(state);
    publisher = new LocalDnsPublisher();
    startDns();
    startApplication(state);
    running = true;
    startLoops();
    writeStateFiles(state);
    LOG.info(
        "local.started api={} dns={} dynamodb={} vantages={} state={}",
        apiUrl(),
        dnsAddress(),
        dynamoEndpoint,
        settings.vantages(),
        state);
  }

  private static void createPrivateDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new LocalModeException("cannot create the state directory " + dir + ": " + e, e);
    }
  }

  private void takeLock(Path state) {
    try {
      lockChannel =
          FileChannel.open(
              state.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String pid = read(state.resolve(PID_FILE)).orElse("?");
      throw new LocalModeException(
          "local mode is already running with state directory "
              + state
              + " (pid "
              + pid
              + "): stop it with `meridian local down`, or pass another --state-dir");
    }
  }

  /**
   * dynalite accepts any credentials; the SDK still wants some. Local mode's JVM talks to nothing
   * but loopback, so dummy credentials in system properties (first in the SDK's default chain) keep
   * it from looking for real ones (profiles, SSO, instance metadata).
   */
  private static void localCredentials() {
    System.setProperty("aws.disableEc2Metadata", "true");
    if (System.getProperty("aws.accessKeyId") == null) {
      System.setProperty("aws.accessKeyId", "local");
      System.setProperty("aws.secretAccessKey", "local");
    }
  }

  private void startStore(Path state) {
    localCredentials();
    if (settings.dynamoDbEndpoint().isPresent()) {
      dynamoEndpoint = settings.dynamoDbEndpoint().get();
    } else {
      Optional<Path> root =
          settings.repoRoot().or(() -> NodeTools.repoRoot(Path.of(System.getProperty("user.dir"))));
      Path cli = NodeTools.requireDynalite(root);
      Path node = NodeTools.requireNode(System.getenv("PATH"));
      dynalite =
          DynaliteProcess.start(
              node,
              cli,
              state.resolve("dynalite"),
              state.resolve("logs").resolve("dynalite.log"),
              settings.dynamoDbPort());
      dynamoEndpoint = dynalite.endpoint();
    }
    dynamo =
        DynamoDbClient.builder()
            .endpointOverride(dynamoEndpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.builder().build())
            .build();
    TableNames tables = TableNames.withPrefix(settings.tablePrefix());
    awaitStore(() -> TableBootstrap.createIfMissing(dynamo, tables));
  }

  /** The store may take a moment to answer after its port opens; retry within a deadline. */
  private void awaitStore(Runnable bootstrap) {
    long deadline = System.nanoTime() + DynaliteProcess.START_TIMEOUT.toNanos();
    while (true) {
      try {
        bootstrap.run();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new LocalModeException(
              "the DynamoDB endpoint " + dynamoEndpoint + " does not answer: " + e.getMessage(), e);
        }
        sleep(Duration.ofMillis(200));
      }
    }
  }

  private void startDns() {
    DnsServerConfig config =
        new DnsServerConfig(
            InetAddress.getLoopbackAddress(),
            settings.dnsPort(),
            settings.dnsZones(),
            settings.clientRegion(),
            DnsServerConfig.DEFAULT_NEGATIVE_TTL,
            DnsServerConfig.DEFAULT_TCP_IDLE,
            DnsServerConfig.DEFAULT_MAX_TCP);
    try {
      dns = new EmbeddedDnsServer(config, publisher, new SplittableRandom()).start();
    } catch (IOException e) {
      throw new LocalModeException(
          e.getMessage() + (settings.dnsPort() == 0 ? "" : " (choose another with --dns-port)"), e);
    }
  }

  private void startApplication(Path state) {
    Map<String, Object> props = new HashMap<>();
    props.put("meridian.mode", "local");
    props.put("meridian.dns.publisher", "local");
    props.put("meridian.api.auth", "token");
    props.put("meridian.api.token-file", state.resolve(TOKEN_FILE).toString());
    props.put("meridian.aws.dynamodb-endpoint", dynamoEndpoint.toString());
    props.put("meridian.tables.prefix", settings.tablePrefix());
    props.put("meridian.vantage", "local");
    settings
        .probeIntervalCap()
        .ifPresent(d -> props.put("meridian.probe.interval", d.toMillis() + "ms"));
    props.put("meridian.probe.refresh-interval", PROBE_REFRESH.toMillis() + "ms");
    // Compare DNS with the plan on every run: the local DNS state is in memory and starts empty.
    props.put("meridian.scheduler.dns-check-interval", "0s");
    props.put("aws.region", "us-east-1");
    props.put("micronaut.server.host", "127.0.0.1");
    props.put("micronaut.server.port", settings.apiPort() == 0 ? -1 : settings.apiPort());
    props.putAll(settings.extraProperties());

    // The ports come from the adapters' factory (DynamoDB at meridian.aws.dynamodb-endpoint);
    // local mode adds its DNS publisher, the in-process scheduler trigger and the health feed
    // (HealthFeedDecorator wraps the HealthStore bean with it).
    InProcessSchedulerTrigger trigger = new InProcessSchedulerTrigger(triggers::addAll);
    try {
      context =
          ApplicationContext.builder()
              .properties(props)
              .singletons(publisher, trigger, feed)
              .start();
      server = context.getBean(EmbeddedServer.class).start();
    } catch (RuntimeException e) {
      if (rootCause(e) instanceof BindException) {
        throw new LocalModeException(
            "cannot listen for the API on 127.0.0.1:"
                + settings.apiPort()
                + ": the port is in use (choose another with --api-port)",
            e);
      }
      throw e;
    }
  }

  private void startLoops() {
    AggregatorService aggregator = context.getBean(AggregatorService.class);
    SchedulerService scheduler = context.getBean(SchedulerService.class);
    loops.add(loop("aggregator", () -> aggregateOnce(aggregator)));
    loops.add(schedulerLoop(scheduler));
    if (probes != null) {
      for (dev.meridian.core.model.Region vantage : settings.vantages()) {
        ProbeCycle cycle = probes.cycle(context, vantage);
        loops.add(loop("probe-" + vantage.code(), () -> probeOnce(cycle)));
      }
    }
  }

  private Thread loop(String name, Runnable body) {
    return Thread.ofVirtual()
        .name("local-" + name)
        .start(
            () -> {
              while (running) {
                try {
                  body.run();
                } catch (RuntimeException e) {
                  LOG.warn("local.loop.error loop={} error={}", name, e.toString());
                  sleep(Duration.ofMillis(500));
                }
              }
            });
  }

  /** One probe cycle, then sleep until the next probe is due (at most {@link #PROBE_IDLE}). */
  private void probeOnce(ProbeCycle cycle) {
    Optional<Instant> next;
    try {
      next = cycle.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Instant now = Instant.now();
    Duration wait =
        next.map(n -> Duration.between(now, n))
            .filter(d -> d.compareTo(PROBE_IDLE) < 0)
            .orElse(PROBE_IDLE);
    if (!wait.isNegative() && !wait.isZero()) {
      sleep(wait);
    }
  }

  /**
   * The default probes: one {@link ProbeService} per vantage over the context's ports (the health
   * store is the feeding decorator), sharing one engine that closes with the context.
   */
  static ProbeCycle probeService(ApplicationContext ctx, dev.meridian.core.model.Region vantage) {
    ProbeProperties props = ctx.getBean(ProbeProperties.class);
    ProbeEngine engine = ctx.getBean(LocalProbeEngine.class).engine();
    HealthStore health = ctx.getBean(HealthStore.class);
    MeridianMetrics metrics = ctx.findBean(MeridianMetrics.class).orElse(MeridianMetrics.NOOP);
    Clock clock = ctx.getBean(Clock.class);
    ProbeService service =
        new ProbeService(
            new ProbeServiceConfig(vantage, props.getInterval(), props.getRefreshInterval()),
            ctx.getBean(EndpointRepository.class),
            health,
            new DeltaHealthWriter(health, props.writePolicy(), metrics),
            engine,
            metrics,
            clock,
            dev.meridian.app.probe.Sleeper.SYSTEM);
    return () -> service.runOneCycle().nextDueAt();
  }

  private static final Duration AGGREGATOR_RETRY = Duration.ofMillis(500);

  private void aggregateOnce(AggregatorService aggregator) {
    List<HealthChange> batch;
    try {
      batch = feed.take(AGGREGATOR_BATCH, QUEUE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!batch.isEmpty()) {
      AggregationResult r = aggregator.onHealthChanges(batch);
      if (!r.failed().isEmpty()) {
        // Like a stream shard: the failed change and everything after it is delivered again, so a
        // transition that met a store outage still reaches the audit log and the scheduler.
        java.util.Set<String> failed = java.util.Set.copyOf(r.failed());
        feed.redeliver(batch.stream().filter(c -> failed.contains(c.id())).toList());
        LOG.warn("local.aggregator.failed changes={} redelivered", r.failed().size());
        sleep(AGGREGATOR_RETRY);
      }
    }
  }

  private Thread schedulerLoop(SchedulerService scheduler) {
    long[] nextReconcile = {System.nanoTime()};
    return loop(
        "scheduler",
        () -> {
          long waitNanos = Math.max(0, nextReconcile[0] - System.nanoTime());
          ServiceName first;
          try {
            first = triggers.poll(waitNanos, TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          if (first != null) {
            Set<ServiceName> due = new LinkedHashSet<>();
            due.add(first);
            triggers.drainTo(due);
            due.forEach(scheduler::runOnce);
          }
          if (System.nanoTime() - nextReconcile[0] >= 0) {
            scheduler.reconcileAll();
            nextReconcile[0] = System.nanoTime() + settings.reconcileInterval().toNanos();
          }
        });
  }

  private void writeStateFiles(Path state) {
    write(state.resolve(API_URL_FILE), apiUrl().toString());
    write(
        state.resolve(DNS_ADDRESS_FILE),
        dns.address().getAddress().getHostAddress() + ":" + dns.port());
    write(state.resolve(PID_FILE), Long.toString(ProcessHandle.current().pid()));
  }

  private static void write(Path file, String content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Asks the scheduler to run for {@code service} now (as the aggregator does on a transition). */
  public void trigger(ServiceName service) {
    triggers.add(service);
  }

  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  public InetSocketAddress dnsAddress() {
    return dns.address();
  }

  public URI dynamoDbEndpoint() {
    return dynamoEndpoint;
  }

  public Path tokenFile() {
    return settings.stateDir().resolve(TOKEN_FILE);
  }

  public LocalDnsPublisher publisher() {
    return publisher;
  }

  public ApplicationContext context() {
    return context;
  }

  public LocalSettings settings() {
    return settings;
  }

  /** Whether dynalite (when started here) is still alive. */
  public boolean storeAlive() {
    return dynalite == null || dynalite.isAlive();
  }

  /** Stops loops, the API, DNS and dynalite, each with a bounded wait; idempotent. */
  @Override
  public synchronized void close() {
    boolean wasRunning = running;
    running = false;
    for (Thread t : loops) {
      t.interrupt();
    }
    for (Thread t : loops) {
      try {
        t.join(LOOP_JOIN);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    loops.clear();
    quietly(
        "api",
        () -> {
          if (server != null) {
            server.stop();
          }
        });
    quietly(
        "context",
        () -> {
          if (context != null && context.isRunning()) {
            context.close();
          }
        });
    quietly(
        "dns",
        () -> {
          if (dns != null) {
            dns.close();
          }
        });
    quietly(
        "dynamodb-client",
        () -> {
          if (dynamo != null) {
            dynamo.close();
          }
        });
    quietly(
        "dynalite",
        () -> {
          if (dynalite != null) {
            dynalite.close();
          }
        });
    server = null;
    context = null;
    dns = null;
    dynamo = null;
    dynalite = null;
    if (lock != null) {
      quietly("pid", () -> Files.deleteIfExists(settings.stateDir().resolve(PID_FILE)));
      quietly("lock", lock::release);
      lock = null;
    }
    quietly(
        "lock-file",
        () -> {
          if (lockChannel != null) {
            lockChannel.close();
          }
        });
    if (wasRunning) {
      LOG.info("local.stopped state={}", settings.stateDir());
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void quietly(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      LOG.warn("local.stop.error step={} error={}", what, e.toString());
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
