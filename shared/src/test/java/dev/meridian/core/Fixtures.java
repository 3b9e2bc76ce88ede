package dev.meridian.core;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.plan.Planner;
import dev.meridian.core.plan.PlanningInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test data: one service, a few regions, three vantages and a fixed epoch (the fake clock). */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final ServiceName SVC = ServiceName.of("api.example.com");
  public static final Region AP = Region.of("ap-southeast-2");
  public static final Region EU = Region.of("eu-west-1");
  public static final Region US = Region.of("us-east-1");
  public static final Region US2 = Region.of("us-west-2");
  public static final List<Region> VANTAGES = List.of(AP, EU, US);

  private Fixtures() {}

  /** T0 + seconds. */
  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  public static ServiceConfig.Builder config() {
    return ServiceConfig.builder(SVC);
  }

  public static Endpoint endpoint(String id, Region region, String address) {
    return Endpoint.builder(SVC, EndpointId.of(id), region, address).build();
  }

  public static Endpoint endpoint(
      String id, Region region, String address, int weight, int capacity) {
    return Endpoint.builder(SVC, EndpointId.of(id), region, address)
        .weight(weight)
        .capacity(capacity)
        .build();
  }

  /** A vantage record in {@code state}, last probed at {@code probedAt}. */
  public static VantageHealth vantage(
      Endpoint e, Region vantage, HealthState state, Instant probedAt, Instant upSince) {
    return new VantageHealth(
        e.service(),
        e.id(),
        vantage,
        state,
        state == HealthState.UP ? 5 : 0,
        state == HealthState.DOWN ? 5 : 0,
        probedAt,
        Optional.of(upSince),
        state == HealthState.UP ? Optional.of(upSince) : Optional.empty(),
        0,
        probedAt,
        false,
        20,
        state == HealthState.DOWN ? Optional.of("status 503") : Optional.empty());
  }

  /** Every vantage says {@code state}, probed at {@code now}, UP (if so) for an hour. */
  public static List<VantageHealth> all(Endpoint e, HealthState state, Instant now) {
    return all(e, state, now, now.minusSeconds(3600));
  }

  public static List<VantageHealth> all(
      Endpoint e, HealthState state, Instant now, Instant upSince) {
    List<VantageHealth> out = new ArrayList<>();
    for (Region v : VANTAGES) {
      out.add(vantage(e, v, state, now, upSince));
    }
    return out;
  }

  /** Every vantage UP for an hour, for each endpoint. */
  public static List<VantageHealth> allUp(List<Endpoint> endpoints, Instant now) {
    List<VantageHealth> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      out.addAll(all(e, HealthState.UP, now));
    }
    return out;
  }

  public static Drill drill(
      String id, Region region, DrillMode mode, Instant start, Instant end, DrillState state) {
    return new Drill(
        new DrillId(id),
        SVC,
        region,
        mode,
        start,
        end,
        "game day",
        "alice",
        state,
        Optional.empty(),
        start,
        start);
  }

  public static RoutingPlan plan(
      ServiceConfig cfg,
      List<Endpoint> endpoints,
      List<VantageHealth> health,
      List<Drill> drills,
      Optional<RoutingPlan> previous,
      Instant now) {
    return Planner.plan(new PlanningInput(cfg, endpoints, health, drills, previous, now));
  }

  public static RoutingPlan plan(
      ServiceConfig cfg, List<Endpoint> endpoints, List<VantageHealth> health, Instant now) {
    return plan(cfg, endpoints, health, List.of(), Optional.empty(), now);
  }
}
