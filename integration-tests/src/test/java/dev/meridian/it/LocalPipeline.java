package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.api.dto.EventPage;
import dev.meridian.api.dto.EventResponse;
import dev.meridian.api.dto.StatusResponse;
import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.app.probe.ProbeService;
import dev.meridian.app.probe.ProbeServiceConfig;
import dev.meridian.app.probe.Sleeper;
import dev.meridian.core.health.HealthWritePolicy;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.local.DynaliteProcess;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.LocalSettings;
import dev.meridian.local.NodeTools;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.probe.HttpProber;
import dev.meridian.probe.ProbeEngine;
import dev.meridian.probe.ProbeEngineConfig;
import dev.meridian.probe.Prober;
import dev.meridian.probe.ProtocolProber;
import dev.meridian.probe.SsrfGuard;
import dev.meridian.probe.TcpProber;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The whole local pipeline for end-to-end scenarios: {@link LocalRuntime} (API with token auth,
 * aggregator fed by the in-process health feed, scheduler with a 1 s reconcile loop, embedded DNS)
 * over a dynalite started here so that a test can stop and restart the store, and one real probe
 * loop per vantage built like the runtime's default ({@link ProbeService} over the real HTTP/TCP
 * probers), except that each vantage has its own engine whose prober can be cut off ("this vantage
 * reaches nothing"), a seam the default wiring (one shared engine) does not have.
 */
final class LocalPipeline implements AutoCloseable {
  static final List<Region> VANTAGES = LocalSettings.vantages(3);
  static final Duration RECONCILE = Duration.ofSeconds(1);

  private final Path state;
  private final Path node;
  private final Path dynaliteCli;
  private final Set<Region> partitioned = ConcurrentHashMap.newKeySet();
  private final List<ProbeEngine> engines = new CopyOnWriteArrayList<>();
  private final List<Publication> publications = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ProtocolProber realProber;
  private volatile DynaliteProcess dynalite;
  private int dynamoPort;
  private LocalRuntime runtime;
  private JsonMapper json;
  private String token;

  /** One DNS publication of one service, as the embedded DNS server received it. */
  record Publication(Instant at, ServiceName service, List<DnsRecordSet> records) {}

  LocalPipeline(Path state) {
    this.state = state;
    Optional<Path> root = NodeTools.repoRoot(Path.of(System.getProperty("user.dir")));
    this.dynaliteCli = NodeTools.requireDynalite(root);
    this.node = NodeTools.requireNode(System.getenv("PATH"));
    Clock clock = Clock.systemUTC();
    try {
      this.realProber =
          new ProtocolProber(
              new HttpProber(
                  SsrfGuard.system(), clock, ProbeEngineConfig.DEFAULT, SSLContext.getDefault()),
              new TcpProber(SsrfGuard.system(), clock));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  LocalPipeline start() throws IOException {
    startStore(0);
    dynamoPort = dynalite.endpoint().getPort();
    LocalSettings settings =
        LocalSettings.defaults(state.resolve("runtime"))
            .withPorts(0, 0)
            .withReconcileInterval(RECONCILE)
            .withDynamoDbEndpoint(Optional.of(dynalite.endpoint()));
    runtime = LocalRuntime.start(settings, this::probeLoop);
    json = runtime.context().getBean(JsonMapper.class);
    token = Files.readString(runtime.tokenFile()).trim();
    runtime
        .publisher()
        .subscribe(
            snapshot ->
                snapshot
                    .byService()
                    .forEach(
                        (svc, records) -> {
                          Publication last = lastPublication(svc);
                          if (last == null || !last.records().equals(records)) {
                            publications.add(new Publication(Instant.now(), svc, records));
                          }
                        }));
    return this;
  }

  private Publication lastPublication(ServiceName svc) {
    Publication last = null;
    for (Publication p : publications) {
      if (p.service().equals(svc)) {
        last = p;
      }
    }
    return last;
  }

  /** One vantage's probe cycle: the real probers, unless the vantage is partitioned. */
  private LocalRuntime.ProbeCycle probeLoop(
      io.micronaut.context.ApplicationContext context, Region vantage) {
    EndpointRepository endpoints = context.getBean(EndpointRepository.class);
    HealthStore health = context.getBean(HealthStore.class);
    Prober prober =
        (endpoint, config, v) ->
            partitioned.contains(v)
                ? ProbeResult.failed(
                    endpoint.service(),
                    endpoint.id(),
                    v,
                    Instant.now(),
                    "connect: network unreachable (vantage partitioned)",
                    Duration.ZERO)
                : realProber.probe(endpoint, config, v);
    ProbeEngine engine = new ProbeEngine(prober, 64, Clock.systemUTC());
    engines.add(engine);
    ProbeService probes =
        new ProbeService(
            new ProbeServiceConfig(vantage, Optional.of(Duration.ofSeconds(1)), RECONCILE),
            endpoints,
            health,
            new DeltaHealthWriter(health, HealthWritePolicy.DEFAULT, MeridianMetrics.NOOP),
            engine,
            MeridianMetrics.NOOP,
            Clock.systemUTC(),
            Sleeper.SYSTEM);
    return () -> probes.runOneCycle().nextDueAt();
  }

  // ------------------------------------------------------------------ store

  private void startStore(int port) {
    dynalite =
        DynaliteProcess.start(
            node,
            dynaliteCli,
            state.resolve("dynalite"),
            state.resolve("logs").resolve("dynalite.log"),
            port);
  }

  /** Stops the DynamoDB-compatible server (its data stays on disk). */
  void stopStore() {
    dynalite.close();
  }

  /** Starts the store again on the same port with the same data. */
  void restartStore() {
    startStore(dynamoPort);
  }

  void partition(Region vantage) {
    partitioned.add(vantage);
  }

  void heal(Region vantage) {
    partitioned.remove(vantage);
  }

  LocalRuntime runtime() {
    return runtime;
  }

  List<Publication> publications(ServiceName svc) {
    return publications.stream().filter(p -> p.service().equals(svc)).toList();
  }

  HealthStore healthStore() {
    return runtime.context().getBean(HealthStore.class);
  }

  // ------------------------------------------------------------------ API

  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> expect(int status, String method, String path, String body) {
    HttpResponse<String> r = send(method, path, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
    return r;
  }

  <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Configures {@code svc} (PUT, fields merged over the e2e defaults) and registers endpoints. */
  void register(String svc, String extraConfig, Map<Region, SampleEndpoint> endpoints) {
    String config =
        "{\"policy\":\"WEIGHTED\",\"ttlSeconds\":1,"
            + "\"probe\":{\"intervalSeconds\":1,\"timeoutMillis\":900,\"rise\":2,\"fall\":3},"
            + "\"quorum\":2,\"holdDownSeconds\":4,\"rampSeconds\":4,\"maxStepIncrease\":0.5,"
            + "\"allowPrivateTargets\":true"
            + (extraConfig.isEmpty() ? "" : "," + extraConfig)
            + "}";
    HttpResponse<String> put = send("PUT", "/v1/services/" + svc, config);
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
    endpoints.forEach(
        (region, ep) ->
            expect(
                201,
                "POST",
                "/v1/services/" + svc + "/endpoints",
                "{\"id\":\"ep-"
                    + region.code()
                    + "\",\"region\":\""
                    + region.code()
                    + "\",\"address\":\""
                    + ep.ip()
                    + "\",\"port\":"
                    + ep.port()
                    + ",\"protocol\":\"HTTP\",\"healthPath\":\"/health\"}"));
  }

  StatusResponse status(String svc) {
    return read(
        expect(200, "GET", "/v1/services/" + svc + "/status", null).body(), StatusResponse.class);
  }

  /** The service's audit log, oldest first. */
  List<EventResponse> events(String svc) {
    EventPage page =
        read(
            expect(200, "GET", "/v1/services/" + svc + "/events?limit=100", null).body(),
            EventPage.class);
    List<EventResponse> out = new ArrayList<>(page.items());
    java.util.Collections.reverse(out);
    return out;
  }

  // ------------------------------------------------------------------ DNS

  /** Published weight per address (WEIGHTED record sets); an absent address has weight 0. */
  Map<String, Integer> weights(String svc) {
    Map<String, Integer> m = new TreeMap<>();
    for (DnsRecordSet s : runtime.publisher().published(ServiceName.of(svc))) {
      if (s.routing() instanceof DnsRecordSet.Routing.Weighted w) {
        for (String v : s.values()) {
          m.put(v, w.weight());
        }
      }
    }
    return m;
  }

  int weight(String svc, String address) {
    return weights(svc).getOrDefault(address, 0);
  }

  /** The addresses of {@code queries} real DNS answers from the embedded server (A, over UDP). */
  Set<String> answers(String svc, int queries) {
    InetSocketAddress dns = runtime.dnsAddress();
    Set<String> seen = new HashSet<>();
    try {
      SimpleResolver resolver = new SimpleResolver(dns);
      resolver.setTimeout(Duration.ofSeconds(2));
      for (int i = 0; i < queries; i++) {
        Message q =
            Message.newQuery(Record.newRecord(Name.fromString(svc + "."), Type.A, DClass.IN));
        Message r = resolver.send(q);
        assertThat(r.getRcode()).as("rcode for " + svc).isEqualTo(Rcode.NOERROR);
        for (Record rec : r.getSection(Section.ANSWER)) {
          if (rec instanceof ARecord a) {
            seen.add(a.getAddress().getHostAddress());
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return seen;
  }

  // ------------------------------------------------------------------ waiting

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      pause(Duration.ofMillis(100));
    }
  }

  static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      pause(Duration.ofMillis(100));
    }
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
    }
    engines.forEach(ProbeEngine::close);
    realProber.close();
    if (dynalite != null) {
      dynalite.close();
    }
  }
}
