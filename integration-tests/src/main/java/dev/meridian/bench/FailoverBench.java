package dev.meridian.bench;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.local.LocalRuntime;
import dev.meridian.local.LocalSettings;
import dev.meridian.local.dns.PublishedRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Failover and flapping benchmark (a command, not a test) over the whole local pipeline: {@link
 * LocalRuntime} with dynalite, three probe vantages (the production {@code ProbeService} and probe
 * engine), the aggregator on the in-process feed, the scheduler and the {@code LocalDnsPublisher}
 * behind the embedded DNS server. Sample services are {@link FaultyService}s on 127.0.0.11–13 (one
 * region each).
 *
 * <p>What is observed: every publication of the {@code LocalDnsPublisher}, through its subscriber
 * hook, timestamped with {@code System.nanoTime()}. The embedded DNS server re-indexes on the same
 * hook before the publication returns, so that instant is the first moment a DNS query could get
 * the new answer. "In the answers" means: a WEIGHTED record set for the region with a weight above
 * 0 and at least one address.
 *
 * <ul>
 *   <li><b>failover</b>: per probe interval (1 s, 2 s, 5 s; fall 3, rise 2, timeout = interval / 2
 *       capped at 2 s), {@code --trials} trials, each on a fresh service (so that flap damping of
 *       one trial does not carry into the next): wait for all three regions at full weight, then t0
 *       = the region's service starts answering 503; t1 = first publication without the region
 *       (outage → DNS change); heal at t2; t3 = the region is back; t4 = its weight is back to the
 *       pre-outage value (ramp done). The intervals run concurrently (one service each).
 *   <li><b>flapping</b>: per interval, one service whose us-west-2 endpoint fails 20 % of requests
 *       at random (seeded; half HTTP 500, half a stall past the timeout) for {@code
 *       --flap-seconds}; counts answer changes (publications that change the answer of any region)
 *       after all three regions were in. Goal 0.
 * </ul>
 *
 * <pre>
 * java -cp 'integration-tests/target/classes:integration-tests/target/lib/*' \
 *   dev.meridian.bench.FailoverBench [--scenario failover|flapping|both] [--intervals 1,2,5]
 *   [--trials 3] [--fall 3] [--rise 2] [--flap-seconds 60] [--seed 42]
 * </pre>
 */
public final class FailoverBench {
  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");
  private static final List<String> HOSTS = List.of("127.0.0.11", "127.0.0.12", "127.0.0.13");
  private static final String VICTIM = "us-west-2";
  private static final Duration HOLD_DOWN = Duration.ofSeconds(5);
  private static final Duration RAMP = Duration.ofSeconds(10);
  private static final Duration RECONCILE = Duration.ofSeconds(1);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(5);

  /** One publication as seen for one service: region → published weight (0 = not in answers). */
  record Observation(long nanos, Map<String, Integer> weights) {}

  private final Map<ServiceName, List<Observation>> seen = new ConcurrentHashMap<>();
  private final EndpointRepository repo;
  private final LocalRuntime rt;
  private final int fall;
  private final int rise;
  private final long seed;

  private FailoverBench(LocalRuntime rt, int fall, int rise, long seed) {
    this.rt = rt;
    this.repo = rt.context().getBean(EndpointRepository.class);
    this.fall = fall;
    this.rise = rise;
    this.seed = seed;
    rt.publisher().subscribe(this::onPublished);
  }

  public static void main(String[] args) throws Exception {
    String scenario = DnsBench.arg(args, "--scenario", "both");
    List<Integer> intervals =
        Arrays.stream(DnsBench.arg(args, "--intervals", "1,2,5").split(","))
            .map(Integer::parseInt)
            .toList();
    int trials = Integer.parseInt(DnsBench.arg(args, "--trials", "3"));
    int fall = Integer.parseInt(DnsBench.arg(args, "--fall", "3"));
    int rise = Integer.parseInt(DnsBench.arg(args, "--rise", "2"));
    int flapSeconds = Integer.parseInt(DnsBench.arg(args, "--flap-seconds", "60"));
    long seed = Long.parseLong(DnsBench.arg(args, "--seed", "42"));
    Logs.quiet();
    Path state = Files.createTempDirectory("meridian-failover-bench");
    LocalSettings settings =
        new LocalSettings(
            state,
            0,
            0,
            LocalSettings.vantages(3),
            Optional.empty(),
            0,
            Optional.empty(),
            RECONCILE,
            List.of(),
            Optional.empty(),
            "meridian-",
            Optional.empty(),
            Map.of());
    System.out.println(Machine.describe());
    System.out.printf(
        Locale.ROOT,
        "settings: 3 vantages, quorum 2, fall %d, rise %d, timeout = interval/2 (max 2 s), TTL 5 s,"
            + " hold-down %d s, ramp %d s, max step +25 %%, reconcile every %d s; probe loops wake when the next probe is due%n",
        fall,
        rise,
        HOLD_DOWN.toSeconds(),
        RAMP.toSeconds(),
        RECONCILE.toSeconds());
    try (BenchProbeLoops probes = new BenchProbeLoops();
        LocalRuntime rt = LocalRuntime.start(settings, probes.factory())) {
      FailoverBench bench = new FailoverBench(rt, fall, rise, seed);
      if (!scenario.equals("flapping")) {
        bench.failover(intervals, trials);
      }
      if (!scenario.equals("failover")) {
        bench.flapping(intervals, Duration.ofSeconds(flapSeconds));
      }
      System.out.println("load average at the end: " + Machine.loadAverage());
    }
  }

  private void onPublished(PublishedRecords records) {
    long now = System.nanoTime();
    for (ServiceName s : seen.keySet()) {
      Map<String, Integer> w = weights(records.of(s));
      List<Observation> list = seen.get(s);
      if (list.isEmpty() || !list.get(list.size() - 1).weights().equals(w)) {
        list.add(new Observation(now, w));
      }
    }
  }

  static Map<String, Integer> weights(List<DnsRecordSet> sets) {
    Map<String, Integer> w = new TreeMap<>();
    REGIONS.forEach(r -> w.put(r, 0));
    for (DnsRecordSet s : sets) {
      if (s.routing() instanceof Routing.Weighted(int weight) && !s.values().isEmpty()) {
        String id = s.setIdentifier().orElse("");
        String region = id.startsWith(DnsRecordSet.OWNER_PREFIX) ? id.substring(9) : id;
        w.computeIfPresent(region, (k, v) -> v + weight);
      }
    }
    return w;
  }

  /** A fresh service with one endpoint per region on its own {@link FaultyService}s. */
  private final class Trial implements AutoCloseable {
    final ServiceName name;
    final List<FaultyService> services = new ArrayList<>();

    Trial(String label, int intervalSeconds) throws Exception {
      name = ServiceName.of(label + ".bench.test");
      seen.put(name, new CopyOnWriteArrayList<>());
      Duration interval = Duration.ofSeconds(intervalSeconds);
      Duration timeout =
          interval.dividedBy(2).compareTo(Duration.ofSeconds(2)) > 0
              ? Duration.ofSeconds(2)
              : interval.dividedBy(2);
      repo.saveService(
          ServiceConfig.builder(name)
              .probe(new ProbeSettings(interval, timeout, rise, fall))
              .ttl(Duration.ofSeconds(5))
              .holdDown(HOLD_DOWN)
              .rampDuration(RAMP)
              .allowPrivateTargets(true)
              .build(),
          Versioned.NEW);
      for (int i = 0; i < REGIONS.size(); i++) {
        FaultyService s = new FaultyService(HOSTS.get(i), seed + i + label.hashCode());
        services.add(s);
        repo.saveEndpoint(
            Endpoint.builder(
                    name,
                    EndpointId.of("ep-" + REGIONS.get(i)),
                    Region.of(REGIONS.get(i)),
                    s.host())
                .port(s.port())
                .healthPath("/health")
                .build(),
            Versioned.NEW);
      }
      rt.trigger(name);
    }

    FaultyService victim() {
      return services.get(REGIONS.indexOf(VICTIM));
    }

    List<Observation> observations() {
      return seen.get(name);
    }

    Map<String, Integer> last() {
      List<Observation> obs = observations();
      return obs.isEmpty() ? Map.of() : obs.get(obs.size() - 1).weights();
    }

    /** Waits for an observation after {@code fromNanos} matching {@code p}; its time. */
    long await(long fromNanos, Predicate<Map<String, Integer>> p) throws InterruptedException {
      long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        List<Observation> obs = observations();
        // the latest state before fromNanos counts too (already true when we start)
        for (int i = obs.size() - 1; i >= 0; i--) {
          Observation o = obs.get(i);
          if (o.nanos() < fromNanos) {
            if (p.test(o.weights())) {
              return fromNanos;
            }
            break;
          }
        }
        for (Observation o : obs) {
          if (o.nanos() >= fromNanos && p.test(o.weights())) {
            return o.nanos();
          }
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException(
          name
              + ": condition not reached within "
              + STEP_TIMEOUT.toSeconds()
              + " s; seen "
              + observations());
    }

    @Override
    public void close() {
      services.forEach(FaultyService::close);
      try {
        for (String r : REGIONS) {
          repo.findEndpoint(name, EndpointId.of("ep-" + r))
              .ifPresent(e -> repo.deleteEndpoint(name, e.value().id(), e.version()));
        }
        repo.findService(name).ifPresent(s -> repo.deleteService(name, s.version()));
      } catch (RuntimeException e) {
        System.out.println("  (cleanup of " + name + " failed: " + e.getMessage() + ")");
      }
      rt.trigger(name);
      seen.remove(name);
    }
  }

  private void failover(List<Integer> intervals, int trials) throws Exception {
    System.out.println();
    System.out.println("== Failover (region outage: us-west-2 answers 503, then heals)");
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    Map<Integer, Future<List<long[]>>> futures = new TreeMap<>();
    for (int interval : intervals) {
      futures.put(interval, pool.submit(() -> failoverTrials(interval, trials)));
    }
    System.out.printf(
        Locale.ROOT,
        "%-9s %-6s %-28s %-9s %-26s %-26s%n",
        "interval",
        "trials",
        "outage->DNS min/med/max s",
        "goal s",
        "heal->back min/med/max s",
        "heal->full wt min/med/max s");
    for (var e : futures.entrySet()) {
      List<long[]> r = e.getValue().get();
      int interval = e.getKey();
      double goal = interval * fall + 0.5;
      double[] detect = r.stream().mapToDouble(x -> x[0] / 1e9).sorted().toArray();
      double[] back = r.stream().mapToDouble(x -> x[1] / 1e9).sorted().toArray();
      double[] full = r.stream().mapToDouble(x -> x[2] / 1e9).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "%-9s %-6d %-28s %-9s %-26s %-26s %s%n",
          interval + " s",
          r.size(),
          mmm(detect),
          String.format(Locale.ROOT, "%.1f", goal),
          mmm(back),
          mmm(full),
          r.isEmpty() ? "no completed trial" : median(detect) <= goal ? "goal met" : "goal MISSED");
    }
    pool.shutdown();
  }

  /**
   * Per trial: {outage→DNS, heal→back, heal→full weight} in nanoseconds. The three regions are
   * symmetric (one endpoint each, same weight and capacity), so "full weight" is: all three regions
   * published with the same weight. A trial that does not complete (e.g. a spurious outage under
   * heavy load) is reported and left out of the statistics.
   */
  private List<long[]> failoverTrials(int interval, int trials) throws Exception {
    List<long[]> out = Collections.synchronizedList(new ArrayList<>());
    java.util.SplittableRandom phase = new java.util.SplittableRandom(seed + interval);
    Predicate<Map<String, Integer>> full = FailoverBench::atFullWeight;
    for (int t = 1; t <= trials; t++) {
      try (Trial trial =
          new Trial("fo-i" + interval + "-t" + t + "-" + ProcessHandle.current().pid(), interval)) {
        try {
          settledAtFullWeight(trial);
          // Start the outage at a random phase of the probe interval.
          Thread.sleep(phase.nextLong(interval * 1000L));
          long t0 = System.nanoTime();
          Map<String, Integer> before = trial.last();
          if (!full.test(before)) {
            throw new IllegalStateException("not at full weight before the outage: " + before);
          }
          trial.victim().fail();
          long t1 = trial.await(t0, w -> w.get(VICTIM) == 0);
          Thread.sleep(500);
          long t2 = System.nanoTime();
          trial.victim().heal();
          long t3 = trial.await(t2, w -> w.get(VICTIM) > 0);
          long t4 = trial.await(t2, full);
          out.add(new long[] {t1 - t0, t3 - t2, t4 - t2});
          System.out.printf(
              Locale.ROOT,
              "  interval %d s trial %d: outage->DNS %.2f s, heal->back %.2f s, heal->full %.2f s"
                  + " (weights before %s)%n",
              interval,
              t,
              (t1 - t0) / 1e9,
              (t3 - t2) / 1e9,
              (t4 - t2) / 1e9,
              before);
        } catch (IllegalStateException e) {
          System.out.printf(
              Locale.ROOT, "  interval %d s trial %d: FAILED: %s%n", interval, t, e.getMessage());
        }
      }
    }
    return out;
  }

  /** All three (symmetric) regions in the answers with the same weight: ramps are done. */
  static boolean atFullWeight(Map<String, Integer> w) {
    return w.values().stream().allMatch(v -> v > 0) && w.values().stream().distinct().count() == 1;
  }

  /**
   * The weights once they are at full weight and have not changed for {@link #SETTLE}. Stable alone
   * is not enough: the tail of a ramp may rest a few seconds one unit below full weight (the
   * planner does not publish one-unit changes except to 0 or 255) before it steps to 255.
   */
  private Map<String, Integer> settledAtFullWeight(Trial trial) throws InterruptedException {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    trial.await(System.nanoTime(), FailoverBench::atFullWeight);
    while (true) {
      Map<String, Integer> w = stableWeights(trial);
      if (atFullWeight(w)) {
        return w;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(trial.name + ": not at full weight once settled: " + w);
      }
      trial.await(System.nanoTime(), FailoverBench::atFullWeight);
    }
  }

  /** The weights once they have not changed for {@link #SETTLE} (initial ramps done). */
  private Map<String, Integer> stableWeights(Trial trial) throws InterruptedException {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Observation> obs = trial.observations();
      if (obs.isEmpty()) {
        Thread.sleep(100);
        continue;
      }
      Observation last = obs.get(obs.size() - 1);
      if (System.nanoTime() - last.nanos() > SETTLE.toNanos()
          && last.weights().values().stream().allMatch(v -> v > 0)) {
        return last.weights();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        trial.name + ": weights never settled: " + trial.observations());
  }

  private void flapping(List<Integer> intervals, Duration duration) throws Exception {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "== Flapping (us-west-2 fails 20 %% of checks at random: HTTP 500 or a stall past the"
            + " timeout; %d s per setting, concurrently)%n",
        duration.toSeconds());
    List<Trial> list = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    try {
      for (int interval : intervals) {
        list.add(new Trial("flap-i" + interval + "-" + ProcessHandle.current().pid(), interval));
      }
      for (Trial t : list) {
        settledAtFullWeight(t);
      }
      List<Map<String, Integer>> baselines = new ArrayList<>();
      List<long[]> injected = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        int interval = intervals.get(i);
        List<Observation> obs = list.get(i).observations();
        baselines.add(obs.get(obs.size() - 1).weights());
        Duration timeout = Duration.ofMillis(Math.min(2000, interval * 500L));
        starts.add(System.nanoTime());
        injected.add(list.get(i).victim().counts());
        list.get(i).victim().flaky(0.20, timeout.plusMillis(500));
      }
      Thread.sleep(duration.toMillis());
      System.out.printf(
          Locale.ROOT,
          "%-9s %-10s %-16s %-14s %s%n",
          "interval",
          "duration",
          "answer changes",
          "victim out",
          "changes");
      for (int i = 0; i < list.size(); i++) {
        Trial t = list.get(i);
        long from = starts.get(i);
        List<Observation> after = t.observations().stream().filter(o -> o.nanos() >= from).toList();
        long[] c = t.victim().counts();
        long[] c0 = injected.get(i);
        System.out.printf(
            Locale.ROOT,
            "  %s: weights at the start %s; us-west-2 served %d health checks, %d answered 500,"
                + " %d stalled%n",
            t.name,
            baselines.get(i),
            c[0] - c0[0],
            c[1] - c0[1],
            c[2] - c0[2]);
        long out = after.stream().filter(o -> o.weights().get(VICTIM) == 0).count();
        System.out.printf(
            Locale.ROOT,
            "%-9s %-10s %-16d %-14d %s%n",
            intervals.get(i) + " s",
            duration.toSeconds() + " s",
            after.size(),
            out,
            after.isEmpty() ? "none (goal met)" : describe(after, from) + " (goal 0 MISSED)");
      }
    } finally {
      list.forEach(Trial::close);
    }
  }

  private static String describe(List<Observation> obs, long from) {
    StringBuilder sb = new StringBuilder();
    for (Observation o : obs) {
      sb.append(String.format(Locale.ROOT, "+%.1fs %s; ", (o.nanos() - from) / 1e9, o.weights()));
    }
    return sb.toString();
  }

  private static String mmm(double[] sorted) {
    if (sorted.length == 0) {
      return "-";
    }
    return String.format(
        Locale.ROOT, "%.2f / %.2f / %.2f", sorted[0], median(sorted), sorted[sorted.length - 1]);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
