package dev.meridian.core.plan;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A random but reproducible service for property tests: 1–5 regions, 1–4 endpoints each, three
 * vantages with random states, staleness and hold-down ages, random thresholds and maybe a drill.
 */
public record RandomWorld(
    ServiceConfig cfg,
    List<Endpoint> endpoints,
    List<VantageHealth> health,
    List<Drill> drills,
    Instant now) {

  static final ServiceName SVC = ServiceName.of("prop.example.com");
  static final List<Region> REGIONS =
      List.of(
          Region.of("ap-southeast-2"),
          Region.of("eu-west-1"),
          Region.of("sa-east-1"),
          Region.of("us-east-1"),
          Region.of("us-west-2"));
  static final List<Region> VANTAGES = REGIONS.subList(0, 3);
  static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  /** Knobs that some properties need fixed. */
  public record Options(boolean drills, boolean zeroWeights, boolean inactive) {
    public static final Options ALL = new Options(true, true, true);
  }

  public static RandomWorld random(long seed, RoutingPolicy policy, Options o) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Region> regions = new ArrayList<>(REGIONS);
    Collections.shuffle(regions, new java.util.Random(r.nextLong()));
    regions = regions.subList(0, r.nextInt(1, REGIONS.size() + 1));
    ServiceConfig cfg =
        ServiceConfig.builder(SVC)
            .policy(policy)
            .failoverPriority(regions)
            .quorum(r.nextInt(1, 4))
            .holdDown(Duration.ofSeconds(r.nextInt(0, 61)))
            .rampDuration(Duration.ofSeconds(r.nextInt(0, 301)))
            .maxStepIncrease(0.05 + r.nextDouble() * 0.95)
            .panicThreshold(r.nextDouble() * 0.5)
            .failMode(r.nextInt(4) == 0 ? FailMode.STATIC : FailMode.OPEN)
            .expectedLoad(r.nextBoolean() ? 0 : r.nextInt(1, 3000))
            .drillHeadroom(r.nextDouble() * 0.3)
            .build();
    Instant now = T.plusSeconds(r.nextInt(0, 10_000));
    List<Endpoint> endpoints = new ArrayList<>();
    int n = 0;
    for (Region region : regions) {
      int count = r.nextInt(1, 5);
      for (int i = 0; i < count; i++) {
        n++;
        EndpointState state = EndpointState.ACTIVE;
        if (o.inactive() && r.nextInt(10) == 0) {
          state = r.nextBoolean() ? EndpointState.DRAINING : EndpointState.DISABLED;
        }
        endpoints.add(
            Endpoint.builder(
                    SVC, EndpointId.of("e" + n), region, "10.0." + (n / 250) + "." + (n % 250 + 1))
                .weight(o.zeroWeights() && r.nextInt(8) == 0 ? 0 : r.nextInt(1, 256))
                .capacity(r.nextInt(1, 1001))
                .state(state)
                .build());
      }
    }
    List<VantageHealth> health = new ArrayList<>();
    for (Endpoint e : endpoints) {
      health.addAll(records(r, e, now, cfg));
    }
    List<Drill> drills = new ArrayList<>();
    if (o.drills() && r.nextInt(4) == 0) {
      Region target = regions.get(r.nextInt(regions.size()));
      DrillMode mode = r.nextBoolean() ? DrillMode.evacuate() : DrillMode.shift(r.nextInt(1, 101));
      drills.add(
          new Drill(
              new DrillId("d" + r.nextInt(1000)),
              SVC,
              target,
              mode,
              now.minusSeconds(60),
              now.plusSeconds(600),
              "game day",
              "alice",
              DrillState.ACTIVE,
              Optional.empty(),
              now.minusSeconds(60),
              now.minusSeconds(60)));
    }
    return new RandomWorld(cfg, endpoints, health, drills, now);
  }

  /** Three vantage records; mostly fresh; states biased by a per-endpoint "true" health. */
  public static List<VantageHealth> records(
      SplittableRandom r, Endpoint e, Instant now, ServiceConfig cfg) {
    List<VantageHealth> out = new ArrayList<>();
    int bias = r.nextInt(3); // 0 healthy, 1 failing, 2 mixed
    Instant upSince = r.nextBoolean() ? now.minusSeconds(3600) : now.minusSeconds(r.nextInt(0, 90));
    for (Region v : VANTAGES) {
      if (r.nextInt(20) == 0) {
        continue; // this vantage never reported
      }
      HealthState s =
          switch (bias) {
            case 0 -> r.nextInt(10) == 0 ? HealthState.DOWN : HealthState.UP;
            case 1 -> r.nextInt(10) == 0 ? HealthState.UP : HealthState.DOWN;
            default -> HealthState.values()[r.nextInt(3)];
          };
      Instant probed =
          r.nextInt(8) == 0
              ? now.minus(cfg.staleness()).minusSeconds(r.nextInt(1, 600))
              : now.minusSeconds(r.nextInt(0, 60));
      out.add(record(e, v, s, probed, upSince));
    }
    return out;
  }

  static VantageHealth record(
      Endpoint e, Region v, HealthState s, Instant probed, Instant upSince) {
    return new VantageHealth(
        e.service(),
        e.id(),
        v,
        s,
        s == HealthState.UP ? 3 : 0,
        s == HealthState.DOWN ? 3 : 0,
        probed,
        Optional.empty(),
        s == HealthState.UP ? Optional.of(upSince) : Optional.empty(),
        0,
        probed,
        false,
        10,
        Optional.empty());
  }

  public PlanningInput input(Optional<RoutingPlan> previous) {
    return new PlanningInput(cfg, endpoints, health, drills, previous, now);
  }

  public RoutingPlan plan(Optional<RoutingPlan> previous) {
    return Planner.plan(input(previous));
  }
}
