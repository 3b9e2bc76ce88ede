package dev.meridian.core.drill;

import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.health.HealthAggregation;
import dev.meridian.core.health.RegionHealth;
import dev.meridian.core.health.Verdict;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.plan.CapacityModel;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of failover drills: admission, activation, completion and abort, as pure decisions
 * driven by {@code now}. The scheduler calls {@link #advance} on every pass and stores what
 * changes; the planner overlays ACTIVE drills.
 *
 * <p>A drill is refused when: it is already expired; it is a SHIFT on a service whose policy is not
 * WEIGHTED (only weights can move a fraction); its region has no routable endpoint; another drill
 * of the service is ACTIVE, or PENDING with an overlapping window; another region is already
 * UNHEALTHY; or the guard fails — the regions taking over cannot carry the moved load with {@code
 * drillHeadroom} of their healthy capacity to spare ({@link #guard}).
 *
 * <p>An ACTIVE drill is aborted as soon as another region becomes UNHEALTHY or the guard stops
 * holding (the service degraded during the drill), and completes at {@code expiresAt}. Only HEALTHY
 * endpoints count as capacity here (UNKNOWN does not): a drill is optional, so the guard errs on
 * the side of refusing.
 */
public final class DrillRules {
  /** The legal drill transitions; anything else throws {@link IllegalDrillTransitionException}. */
  public static final Map<DrillState, Set<DrillState>> TRANSITIONS = transitions();

  private DrillRules() {}

  private static Map<DrillState, Set<DrillState>> transitions() {
    EnumMap<DrillState, Set<DrillState>> t = new EnumMap<>(DrillState.class);
    t.put(
        DrillState.PENDING,
        Collections.unmodifiableSet(
            EnumSet.of(DrillState.ACTIVE, DrillState.REFUSED, DrillState.ABORTED)));
    t.put(
        DrillState.ACTIVE,
        Collections.unmodifiableSet(EnumSet.of(DrillState.COMPLETED, DrillState.ABORTED)));
    t.put(DrillState.COMPLETED, Set.of());
    t.put(DrillState.ABORTED, Set.of());
    t.put(DrillState.REFUSED, Set.of());
    return Collections.unmodifiableMap(t);
  }

  public static boolean isLegal(DrillState from, DrillState to) {
    return TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
  }

  /** {@code d} in state {@code to}; throws {@link IllegalDrillTransitionException} if illegal. */
  public static Drill transition(Drill d, DrillState to, String why, Instant now) {
    if (!isLegal(d.state(), to)) {
      throw new IllegalDrillTransitionException(d.id(), d.state(), to);
    }
    return d.withState(to, why, now);
  }

  /**
   * Decides on a newly requested (PENDING) drill: REFUSED with the reason, ACTIVE when it starts
   * now or earlier, else PENDING.
   *
   * @param otherDrills the service's other drills (the requested one, if present, is ignored)
   * @throws IllegalDrillTransitionException if {@code requested} is not PENDING
   * @throws IllegalArgumentException if the drill is for another service than {@code cfg}
   */
  public static Drill admit(
      Drill requested,
      ServiceConfig cfg,
      List<Endpoint> endpoints,
      Map<EndpointId, EndpointHealth> health,
      List<Drill> otherDrills,
      Instant now) {
    if (requested.state() != DrillState.PENDING) {
      throw new IllegalDrillTransitionException(
          requested.id(), requested.state(), DrillState.ACTIVE);
    }
    requireService(requested, cfg);
    Optional<String> refusal = refusal(requested, cfg, endpoints, health, otherDrills, now);
    if (refusal.isPresent()) {
      return transition(requested, DrillState.REFUSED, refusal.get(), now);
    }
    String guard = guard(requested, cfg, endpoints, health).explanation();
    if (!requested.startAt().isAfter(now)) {
      return transition(requested, DrillState.ACTIVE, "started at admission; " + guard, now);
    }
    return requested.withState(
        DrillState.PENDING, "admitted, starts at " + requested.startAt() + "; " + guard, now);
  }

  private static Optional<String> refusal(
      Drill d,
      ServiceConfig cfg,
      List<Endpoint> endpoints,
      Map<EndpointId, EndpointHealth> health,
      List<Drill> otherDrills,
      Instant now) {
    if (!d.expiresAt().isAfter(now)) {
      return Optional.of("refused: expires at " + d.expiresAt() + ", which is not after " + now);
    }
    if (d.mode().kind() == DrillMode.Kind.SHIFT && cfg.policy() != RoutingPolicy.WEIGHTED) {
      return Optional.of(
          "refused: SHIFT needs the WEIGHTED policy (the service uses "
              + cfg.policy()
              + "); use EVACUATE");
    }
    boolean hasEndpoints =
        endpoints.stream()
            .anyMatch(e -> e.region().equals(d.region()) && CapacityModel.routable(e, cfg));
    if (!hasEndpoints) {
      return Optional.of("refused: " + d.region() + " has no ACTIVE endpoint to drill");
    }
    for (Drill o : otherDrills) {
      if (o.id().equals(d.id()) || !o.service().equals(d.service())) {
        continue;
      }
      boolean overlaps = o.startAt().isBefore(d.expiresAt()) && d.startAt().isBefore(o.expiresAt());
      if (o.state() == DrillState.ACTIVE || (o.state() == DrillState.PENDING && overlaps)) {
        return Optional.of(
            "refused: drill "
                + o.id()
                + " ("
                + o.mode()
                + " "
                + o.region()
                + ") is already "
                + o.state()
                + " on "
                + d.service());
      }
    }
    Optional<Region> unhealthy = unhealthyOther(d, endpoints, health);
    if (unhealthy.isPresent()) {
      return Optional.of("refused: " + unhealthy.get() + " is already UNHEALTHY");
    }
    DrillGuard g = guard(d, cfg, endpoints, health);
    return g.ok() ? Optional.empty() : Optional.of("refused: " + g.explanation());
  }

  /**
   * The drill in its next state, if it changes at {@code now}: a PENDING drill starts at {@code
   * startAt} (or is aborted if the service is degraded by then), an ACTIVE one is aborted when
   * another region is UNHEALTHY or the guard fails, and completes at {@code expiresAt}.
   */
  public static Optional<Drill> advance(
      Drill d,
      ServiceConfig cfg,
      List<Endpoint> endpoints,
      Map<EndpointId, EndpointHealth> health,
      Instant now) {
    requireService(d, cfg);
    switch (d.state()) {
      case PENDING -> {
        if (!now.isBefore(d.expiresAt())) {
          return Optional.of(
              transition(d, DrillState.ABORTED, "expired before it could start", now));
        }
        if (now.isBefore(d.startAt())) {
          return Optional.empty();
        }
        Optional<String> unsafe = unsafe(d, cfg, endpoints, health);
        if (unsafe.isPresent()) {
          return Optional.of(
              transition(d, DrillState.ABORTED, "not started: " + unsafe.get(), now));
        }
        return Optional.of(
            transition(
                d,
                DrillState.ACTIVE,
                "started at " + now + "; " + guard(d, cfg, endpoints, health).explanation(),
                now));
      }
      case ACTIVE -> {
        Optional<String> unsafe = unsafe(d, cfg, endpoints, health);
        if (unsafe.isPresent()) {
          return Optional.of(transition(d, DrillState.ABORTED, "auto-abort: " + unsafe.get(), now));
        }
        if (!now.isBefore(d.expiresAt())) {
          return Optional.of(
              transition(d, DrillState.COMPLETED, "completed at expiry " + d.expiresAt(), now));
        }
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Aborts a PENDING or ACTIVE drill (operator request or scheduler decision). */
  public static Drill abort(Drill d, String reason, Instant now) {
    return transition(d, DrillState.ABORTED, reason == null ? "aborted" : reason, now);
  }

  private static Optional<String> unsafe(
      Drill d,
      ServiceConfig cfg,
      List<Endpoint> endpoints,
      Map<EndpointId, EndpointHealth> health) {
    Optional<Region> unhealthy = unhealthyOther(d, endpoints, health);
    if (unhealthy.isPresent()) {
      return Optional.of(unhealthy.get() + " became UNHEALTHY");
    }
    DrillGuard g = guard(d, cfg, endpoints, health);
    return g.ok() ? Optional.empty() : Optional.of(g.explanation());
  }

  private static Optional<Region> unhealthyOther(
      Drill d, List<Endpoint> endpoints, Map<EndpointId, EndpointHealth> health) {
    for (RegionHealth r : HealthAggregation.regions(endpoints, health)) {
      if (!r.region().equals(d.region()) && r.verdict() == Verdict.UNHEALTHY) {
        return Optional.of(r.region());
      }
    }
    return Optional.empty();
  }

  /**
   * The capacity guard of {@code d}, with the same arithmetic as the planner ({@link
   * dev.meridian.core.plan.Planner}): with {@code L} the expected load, EVACUATE needs the taking
   * regions to carry {@code L}; SHIFT {@code p} needs {@code L − (1 − p) × kept_d}, where {@code
   * kept_d = L × baseWeight_d / Σ baseWeight × healthyFraction_d} is what the drilled region keeps
   * carrying without the drill. The taking regions are all other regions, except under FAILOVER:
   * the next healthy region of {@code failoverPriority} alone (and nothing moves unless the drilled
   * region is the current PRIMARY).
   */
  public static DrillGuard guard(
      Drill d,
      ServiceConfig cfg,
      List<Endpoint> endpoints,
      Map<EndpointId, EndpointHealth> health) {
    Map<Region, long[]> regions = new TreeMap<>(); // registered, healthy, base weight
    long registered = 0;
    long sumBase = 0;
    for (Endpoint e : endpoints) {
      if (!e.service().equals(cfg.name()) || !CapacityModel.routable(e, cfg)) {
        continue;
      }
      long[] a = regions.computeIfAbsent(e.region(), r -> new long[3]);
      a[0] += e.capacity();
      EndpointHealth h = health.get(e.id());
      if (h != null && h.isHealthy()) {
        a[1] += e.capacity();
      }
      a[2] += e.weight();
      registered += e.capacity();
      sumBase += e.weight();
    }
    double load = CapacityModel.expectedLoad(cfg, registered);
    double spare = 1 - cfg.drillHeadroom();
    long[] mine = regions.getOrDefault(d.region(), new long[3]);
    double available;
    double required;
    String takers;
    if (cfg.policy() == RoutingPolicy.FAILOVER) {
      Region primary = null;
      Region next = null;
      for (Region r : cfg.failoverPriority()) {
        long[] a = regions.get(r);
        if (a == null || a[1] == 0) {
          continue;
        }
        if (primary == null) {
          primary = r;
        } else if (next == null) {
          next = r;
        }
      }
      if (d.region().equals(primary)) {
        required = load;
        available = next == null ? 0 : regions.get(next)[1] * spare;
        takers = next == null ? "no other healthy failover region" : "next failover region " + next;
      } else {
        required = 0;
        available = primary == null ? 0 : regions.get(primary)[1] * spare;
        takers = d.region() + " is not PRIMARY, so no traffic moves; PRIMARY " + primary;
      }
    } else {
      long others = 0;
      for (var e : regions.entrySet()) {
        if (!e.getKey().equals(d.region())) {
          others += e.getValue()[1];
        }
      }
      available = others * spare;
      takers = "other regions";
      if (d.mode().kind() == DrillMode.Kind.EVACUATE) {
        required = load;
      } else {
        double nominal =
            sumBase > 0
                ? load * mine[2] / sumBase
                : registered > 0 ? load * mine[0] / registered : 0;
        double kept = mine[0] == 0 ? 0 : nominal * mine[1] / mine[0];
        required = load - (1 - d.mode().fraction()) * kept;
      }
    }
    boolean ok = available + 1e-9 >= required;
    String explanation =
        takers
            + ": healthy capacity less "
            + pct(cfg.drillHeadroom())
            + " headroom = "
            + num(available)
            + (ok ? " can carry " : " cannot carry ")
            + num(required)
            + " (expected load "
            + num(load)
            + ", "
            + d.mode()
            + " "
            + d.region()
            + ")";
    return new DrillGuard(ok, available, required, explanation);
  }

  private static void requireService(Drill d, ServiceConfig cfg) {
    if (!d.service().equals(cfg.name())) {
      throw new IllegalArgumentException(
          "drill " + d.id() + " is for " + d.service() + ", not " + cfg.name());
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pct(double f) {
    return num(f * 100) + "%";
  }
}
