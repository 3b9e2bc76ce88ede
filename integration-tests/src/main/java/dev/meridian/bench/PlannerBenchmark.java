package dev.meridian.bench;

import dev.meridian.core.dns.RecordDiff;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.plan.Planner;
import dev.meridian.core.plan.PlanningInput;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full planning pass of the decision core on a large service: by default 10,000 endpoints
 * spread over 20 regions, each reported on by 5 vantages (50,000 vantage records), with a realistic
 * mix — a failed region, a recovering region in hold-down and ramp, scattered endpoint failures, a
 * stale vantage and an active SHIFT drill. The goal is ≤ 50 ms per pass on one core. Inputs come in
 * the order the stores return them: endpoints sorted by id, an endpoint's records together.
 *
 * <p>Run with {@code bin/bench-planner} (see docs/benchmarks.md). {@code plan} is the planner
 * alone; {@code planAndDiff} adds what the scheduler does next: the desired record sets and their
 * diff against what the previous plan published.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
@State(Scope.Benchmark)
public class PlannerBenchmark {
  static final List<String> REGION_CODES =
      List.of(
          "af-south-1",
          "ap-east-1",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-south-1",
          "ap-southeast-1",
          "ap-southeast-2",
          "ca-central-1",
          "eu-central-1",
          "eu-north-1",
          "eu-south-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "me-south-1",
          "sa-east-1",
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "il-central-1");

  @Param("10000")
  public int endpoints;

  @Param("20")
  public int regions;

  @Param("5")
  public int vantages;

  @Param("WEIGHTED")
  public RoutingPolicy policy;

  private PlanningInput input;
  private List<DnsRecordSet> published;

  @Setup(Level.Trial)
  public void setUp() {
    if (regions > REGION_CODES.size() || vantages > regions) {
      throw new IllegalArgumentException(
          "at most " + REGION_CODES.size() + " regions, vantages <= regions");
    }
    SplittableRandom random = new SplittableRandom(42);
    Instant now = Instant.parse("2026-06-01T12:00:00Z");
    ServiceName name = ServiceName.of("api.bench.example.com");
    List<Region> regionList = REGION_CODES.subList(0, regions).stream().map(Region::of).toList();
    List<Region> vantageList = regionList.subList(0, vantages);
    ServiceConfig cfg =
        ServiceConfig.builder(name).policy(policy).failoverPriority(regionList).build();

    List<Endpoint> eps = new ArrayList<>(endpoints);
    for (int i = 0; i < endpoints; i++) {
      Region region = regionList.get(i % regions);
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      eps.add(
          Endpoint.builder(name, EndpointId.of(String.format("ep-%06d", i)), region, address)
              .weight(50 + random.nextInt(150))
              .capacity(100 + random.nextInt(900))
              .build());
    }
    Region failed = regionList.get(1);
    Region recovering = regionList.get(2);
    Region staleVantage = vantageList.get(vantageList.size() - 1);
    List<VantageHealth> health = new ArrayList<>(endpoints * vantages);
    for (Endpoint e : eps) {
      boolean down = e.region().equals(failed) || random.nextInt(50) == 0;
      Instant upSince =
          e.region().equals(recovering) ? now.minusSeconds(12) : now.minusSeconds(86_400);
      for (Region v : vantageList) {
        HealthState s = down ? HealthState.DOWN : HealthState.UP;
        Instant probed =
            v.equals(staleVantage) ? now.minusSeconds(600) : now.minusSeconds(random.nextInt(60));
        health.add(
            new VantageHealth(
                name,
                e.id(),
                v,
                s,
                s == HealthState.UP ? 4 : 0,
                s == HealthState.DOWN ? 4 : 0,
                probed,
                Optional.of(upSince),
                s == HealthState.UP ? Optional.of(upSince) : Optional.empty(),
                0,
                probed,
                false,
                5 + random.nextInt(200),
                s == HealthState.DOWN ? Optional.of("status 503") : Optional.empty()));
      }
    }
    Drill drill =
        new Drill(
            new DrillId("bench-drill"),
            name,
            regionList.get(3),
            DrillMode.shift(30),
            now.minusSeconds(300),
            now.plusSeconds(3600),
            "benchmark",
            "bench",
            DrillState.ACTIVE,
            Optional.empty(),
            now.minusSeconds(300),
            now.minusSeconds(300));
    // The previous plan: everything healthy a minute ago, so this pass ramps and fails over.
    List<VantageHealth> allUp = new ArrayList<>(health.size());
    for (VantageHealth v : health) {
      allUp.add(
          new VantageHealth(
              v.service(),
              v.endpoint(),
              v.vantage(),
              HealthState.UP,
              4,
              0,
              now.minusSeconds(60),
              Optional.empty(),
              Optional.of(now.minusSeconds(86_400)),
              0,
              now.minusSeconds(60),
              false,
              v.latencyEwmaMillis(),
              Optional.empty()));
    }
    RoutingPlan previous =
        Planner.plan(
            new PlanningInput(cfg, eps, allUp, List.of(), Optional.empty(), now.minusSeconds(60)));
    input = new PlanningInput(cfg, eps, health, List.of(drill), Optional.of(previous), now);
    published = RecordSets.desired(previous);
  }

  // CPU time of the benchmark thread per operation, printed per iteration: on a shared machine the
  // wall-clock score also counts the time other processes hold the core.
  private long ops;
  private long cpuAtStart;

  @Setup(Level.Iteration)
  public void startCpuClock() {
    ops = 0;
    cpuAtStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  @TearDown(Level.Iteration)
  public void stopCpuClock() {
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuAtStart;
    if (ops > 0) {
      System.out.printf(" [thread CPU %.3f ms/op over %d ops]", cpu / 1e6 / ops, ops);
    }
  }

  @Benchmark
  public RoutingPlan plan() {
    ops++;
    return Planner.plan(input);
  }

  @Benchmark
  public List<PlanChange> planAndDiff() {
    ops++;
    return RecordDiff.diff(RecordSets.desired(Planner.plan(input)), published);
  }
}
