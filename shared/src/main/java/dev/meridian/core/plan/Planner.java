package dev.meridian.core.plan;

import dev.meridian.core.health.Quorum;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The routing planner: one pure, deterministic function from {@link PlanningInput} to a {@link
 * RoutingPlan}. The same inputs give the same plan (schedulers in different regions converge), and
 * planning again on its own output at the same instant changes nothing.
 *
 * <p>In order:
 *
 * <ol>
 *   <li><b>Health.</b> Each ACTIVE endpoint whose address fits the record type gets its quorum
 *       verdict ({@link Quorum}). HEALTHY endpoints carry traffic; an UNKNOWN endpoint carries
 *       traffic only if the previous plan published it and was not a PANIC plan (fail static per
 *       endpoint: a cut-off probe region must neither fail anything over nor bring anything back; a
 *       fail-open plan published everything, which is no evidence); UNHEALTHY ones carry none. An
 *       endpoint that became healthy less than {@code holdDown} ago (when a previous plan exists;
 *       "became healthy" is the aggregator's announced start of continuous health when the input
 *       has it, else the quorum's {@code healthySince}, ADR 0013) counts with a capacity growing
 *       linearly from {@link #HOLD_DOWN_START_FRACTION} to 1 over the hold-down. A draining
 *       endpoint (ADR 0012) counts with its weight and capacity scaled by {@link
 *       DrainRamp#remaining}, so its region's base weight, capacity and share fall linearly over
 *       {@code drainDuration}; its address stays published until the ramp reaches 0, then it is
 *       left out (counted as "drained") until the scheduler sets it DRAINING.
 *   <li><b>Fail static.</b> If every vantage record is stale (monitoring is blind) the previous
 *       plan is kept (mode STATIC, or PANIC if the kept plan was failing open); without one, all
 *       regions get their base weight.
 *   <li><b>Panic.</b> If healthy capacity / registered capacity is below {@code panicThreshold}, or
 *       nothing is healthy, fail mode OPEN routes to all regions by base weight with every ACTIVE
 *       endpoint (mode PANIC) and fail mode STATIC keeps the previous plan (mode STATIC).
 *   <li><b>Policy.</b> WEIGHTED: capacity-aware shares, then the slow-up step cap, then weights
 *       ({@link WeightRounding}). FAILOVER: the first usable region of {@code failoverPriority}
 *       (preferring one out of hold-down) is PRIMARY, the next usable one SECONDARY. LATENCY: every
 *       usable region is included; a region not included before waits for its hold-down.
 *       MULTIVALUE: up to {@link #MAX_MULTIVALUE_ANSWERS} healthy endpoints, round-robin across
 *       regions, previously published ones first.
 *   <li><b>Drills.</b> ACTIVE drills inside their window overlay the plan: EVACUATE takes the
 *       region out, SHIFT moves {@code n %} of its traffic (WEIGHTED only). A drill that would
 *       leave no traffic anywhere is not honoured, and the plan says so.
 * </ol>
 *
 * <p>The WEIGHTED arithmetic, in capacity units: {@code L} is the expected load ({@link
 * CapacityModel#expectedLoad}); region r's nominal load is {@code L × baseWeight_r / Σ baseWeight};
 * it keeps {@code nominal × healthyFraction_r} (less what a drill shifts away) and the rest is
 * removed. Removed load goes to the other regions in proportion to their headroom ({@code
 * healthyCapacity − kept load}), never beyond it; what no headroom can absorb is spread in
 * proportion to healthy capacity and reported as a capacity warning. Target shares are the
 * resulting loads normalised to 1.
 *
 * <p>Slow up: with a WEIGHTED previous plan, a region's share may grow by at most {@code allowed =
 * maxStepIncrease × min(1, elapsed / (rampDuration × maxStepIncrease))} per plan, where {@code
 * elapsed} is the time since the previous plan (so a full 0 → 100 % ramp takes at least {@code
 * rampDuration}, one step never adds more than {@code maxStepIncrease}, and re-planning at the same
 * instant adds nothing). Fast down: a region that lost published endpoints, got a drill, or fell to
 * zero drops to its target at once; the others scale up together to absorb it. Only when that is
 * impossible within the caps ("another region failed") are the caps lifted.
 */
public final class Planner {
  /** Capacity fraction at which an endpoint starts its hold-down ramp. */
  public static final double HOLD_DOWN_START_FRACTION = 0.1;

  /** Route 53 returns at most eight records to a multivalue query. */
  public static final int MAX_MULTIVALUE_ANSWERS = 8;

  /** How many endpoints an explanation names per category before "+N more". */
  static final int MAX_EXAMPLES = 3;

  /** Shares are rounded to this grid so that re-planning cannot drift by floating-point noise. */
  static final double SHARE_GRID = 1e9;

  private Planner() {}

  /** Plans the service of {@code in.config()}; see the class comment. */
  public static RoutingPlan plan(PlanningInput in) {
    return new Run(in).plan();
  }

  /** Per-region working state of one planning pass. */
  private static final class Reg {
    final Region region;
    final List<Endpoint> routable = new ArrayList<>();
    final List<Endpoint> effective = new ArrayList<>();

    /** Endpoints out of hold-down (or carried over); the ids are only kept for MULTIVALUE. */
    int settled;

    Set<EndpointId> settledIds;
    int notActive;
    int unroutable;

    /** Capacity and base weight of the routable endpoints (drains scale them down, ADR 0012). */
    double registered;

    double baseWeight;

    /** Base weight without the drain ramps, for the explanation. */
    long fullBaseWeight;

    double healthyFull;
    double healthyScaled;
    int healthy;
    int carried;
    int holdDown;
    int unhealthy;
    int unknown;
    int draining;
    int drained;
    final List<String> drainingExamples = new ArrayList<>();
    final List<String> drainedExamples = new ArrayList<>();
    final List<String> holdDownExamples = new ArrayList<>();
    final List<String> unhealthyExamples = new ArrayList<>();
    final List<String> unknownExamples = new ArrayList<>();
    RegionRoute prev;
    private Set<String> prevValues;
    double drillKeep = 1;
    final List<String> drillNotes = new ArrayList<>();
    String rampNote;

    // outputs
    double target;
    double share;
    int weight;
    boolean included;
    FailoverRole role = FailoverRole.NONE;
    List<String> values = List.of();
    final List<String> why = new ArrayList<>();

    Reg(Region region) {
      this.region = region;
    }

    /** Whether the previous plan published {@code address} in this region (built on first use). */
    boolean published(String address) {
      if (prev == null) {
        return false;
      }
      if (prevValues == null) {
        prevValues = new HashSet<>(prev.values());
      }
      return prevValues.contains(address);
    }

    /** Whether every value the previous plan published here is still among {@code values}. */
    boolean keepsPublishedValues() {
      if (prev == null || prev.values().isEmpty()) {
        return true;
      }
      List<String> old = prev.values();
      if (isSorted(old) && isSorted(values)) {
        int j = 0;
        for (String v : old) {
          while (j < values.size() && values.get(j).compareTo(v) < 0) {
            j++;
          }
          if (j == values.size() || !values.get(j).equals(v)) {
            return false;
          }
        }
        return true;
      }
      return new HashSet<>(values).containsAll(old);
    }

    private static boolean isSorted(List<String> l) {
      for (int i = 1; i < l.size(); i++) {
        if (l.get(i - 1).compareTo(l.get(i)) > 0) {
          return false;
        }
      }
      return true;
    }

    boolean drilled() {
      return drillKeep < 1;
    }

    boolean evacuated() {
      return drillKeep <= 0;
    }

    int meanBaseWeight() {
      return routable.isEmpty() ? 0 : (int) Math.min(255, Math.round(baseWeight / routable.size()));
    }
  }

  private static final class Run {
    final ServiceConfig cfg;
    final PlanningInput in;
    final Instant now;
    final Optional<RoutingPlan> previous;
    final TreeMap<Region, Reg> regs = new TreeMap<>();
    final List<String> notes = new ArrayList<>();
    double registered;
    double effectiveHealthy;
    double strictlyHealthy;

    /**
     * Whether UNKNOWN endpoints published by the previous plan keep their traffic. Not after a
     * PANIC plan: failing open published every endpoint, which says nothing about its health.
     */
    boolean carryOver;

    int records;
    int vantages;
    boolean blind;
    double load;
    boolean drillsHonoured = true;

    Run(PlanningInput in) {
      this.in = in;
      this.cfg = in.config();
      this.now = in.now();
      this.previous = in.previous().filter(p -> p.service().equals(cfg.name()));
      this.carryOver = previous.map(p -> p.mode() != PlanMode.PANIC).orElse(false);
    }

    RoutingPlan plan() {
      collect();
      if (registered == 0) {
        notes.add("no ACTIVE endpoint with an address usable in " + cfg.recordType() + " records");
        for (Reg r : regs.values()) {
          r.why.add(describeHealth(r));
        }
        return build(PlanMode.NORMAL, Optional.empty());
      }
      if (blind) {
        String why =
            records == 0
                ? "monitoring blind: no vantage has reported on any endpoint"
                : "monitoring blind: all "
                    + records
                    + " vantage records are older than the staleness window ("
                    + human(cfg.staleness())
                    + ")";
        if (previous.isPresent()) {
          return keepPrevious(why + "; keeping the previous plan (fail static)");
        }
        return open(why + "; no previous plan to keep, so every region gets its base weight");
      }
      double fraction = effectiveHealthy / registered;
      if (effectiveHealthy == 0 || fraction < cfg.panicThreshold()) {
        String why =
            "PANIC: healthy capacity "
                + round(effectiveHealthy)
                + " of "
                + round(registered)
                + " ("
                + pct(fraction)
                + ") is "
                + (effectiveHealthy == 0
                    ? "zero"
                    : "below the panic threshold " + pct(cfg.panicThreshold()));
        if (cfg.failMode() == FailMode.STATIC && previous.isPresent()) {
          return keepPrevious(why + "; fail mode STATIC keeps the previous plan");
        }
        return open(
            why
                + (cfg.failMode() == FailMode.STATIC
                    ? "; fail mode STATIC but no previous plan: routing to all regions by base weight"
                    : "; fail mode OPEN routes to all regions by base weight"));
      }
      RoutingPlan plan = byPolicy();
      if (plan == null && regs.values().stream().anyMatch(Reg::drilled)) {
        // A drill would leave no traffic anywhere: never honour it at that price.
        drillsHonoured = false;
        notes.add("drills not honoured: they would leave no region carrying traffic");
        resetOutputs();
        plan = byPolicy();
      }
      return plan != null
          ? plan
          : open(
              "no region can take traffic under the " + cfg.policy() + " policy; routing to all");
    }

    private RoutingPlan byPolicy() {
      return switch (cfg.policy()) {
        case WEIGHTED -> weighted();
        case FAILOVER -> failover();
        case LATENCY -> latency();
        case MULTIVALUE -> multivalue();
      };
    }

    // ---------------------------------------------------------------- inputs

    private void collect() {
      Map<Region, RegionRoute> prevRoutes = new HashMap<>();
      previous.ifPresent(p -> p.regions().forEach(r -> prevRoutes.put(r.region(), r)));
      List<Endpoint> endpoints = new ArrayList<>(in.endpoints().size());
      for (Endpoint e : in.endpoints()) {
        if (e.service().equals(cfg.name())) {
          endpoints.add(e);
        }
      }
      endpoints.sort((a, b) -> a.id().value().compareTo(b.id().value()));
      Map<EndpointId, Quorum.Ballot> byEndpoint = new HashMap<>(endpoints.size() * 2);
      for (Endpoint e : endpoints) {
        Reg r = regs.computeIfAbsent(e.region(), Reg::new);
        if (e.state() != EndpointState.ACTIVE) {
          r.notActive++;
        } else if (!CapacityModel.routable(e, cfg)) {
          r.unroutable++;
        } else {
          double f = DrainRamp.remaining(e, cfg, now);
          if (f <= 0) {
            // Drained: out of the records even before the scheduler sets it DRAINING.
            r.drained++;
            if (r.drainedExamples.size() < MAX_EXAMPLES) {
              r.drainedExamples.add(e.id().value());
            }
            continue;
          }
          if (f < 1) {
            r.draining++;
            if (r.drainingExamples.size() < MAX_EXAMPLES) {
              r.drainingExamples.add(
                  e.id()
                      + " weight "
                      + round(e.weight() * f)
                      + " of "
                      + e.weight()
                      + " ("
                      + human(Duration.between(e.drainStartedAt().orElseThrow(), now))
                      + " of "
                      + human(cfg.drainDuration())
                      + ")");
            }
          }
          r.routable.add(e);
          r.registered += e.capacity() * f;
          r.baseWeight += e.weight() * f;
          r.fullBaseWeight += e.weight();
          byEndpoint.put(e.id(), new Quorum.Ballot(cfg, now));
        }
      }
      // One pass over the records: each goes into its endpoint's ballot (and is not read again
      // unless an explanation names the endpoint); count vantages; look for a fresh record
      // (monitoring is blind, as in Quorum.allStale, when there is none). Stores list an
      // endpoint's records together, so the previous record's ballot is tried before the map.
      List<Region> seenVantages = new ArrayList<>();
      blind = true;
      EndpointId lastId = null;
      Quorum.Ballot last = null;
      for (VantageHealth v : in.health()) {
        Quorum.Ballot l;
        EndpointId id = v.endpoint();
        if (last != null && (id == lastId || id.equals(lastId))) {
          l = last;
        } else {
          l = byEndpoint.get(id);
          lastId = id;
          last = l;
        }
        if (l == null || !v.service().equals(cfg.name())) {
          continue;
        }
        l.add(v);
        records++;
        if (!containsRegion(seenVantages, v.vantage())) {
          seenVantages.add(v.vantage());
        }
        if (blind && !Quorum.isStale(v, cfg, now)) {
          blind = false;
        }
      }
      vantages = seenVantages.size();
      for (Reg r : regs.values()) {
        r.prev = prevRoutes.get(r.region);
        registered += r.registered;
        for (Endpoint e : r.routable) {
          classify(r, e, byEndpoint.get(e.id()));
        }
        effectiveHealthy += r.healthyFull;
      }
      load = CapacityModel.expectedLoad(cfg, registered);
      collectDrills();
    }

    private void settle(Reg r, Endpoint e) {
      r.settled++;
      if (cfg.policy() == RoutingPolicy.MULTIVALUE) {
        if (r.settledIds == null) {
          r.settledIds = new HashSet<>();
        }
        r.settledIds.add(e.id());
      }
    }

    private static boolean containsRegion(List<Region> regions, Region r) {
      for (Region x : regions) {
        if (x == r || x.equals(r)) {
          return true;
        }
      }
      return false;
    }

    private void classify(Reg r, Endpoint e, Quorum.Ballot ballot) {
      Quorum.Tally t = ballot.tally();
      double capacity = e.capacity() * DrainRamp.remaining(e, cfg, now);
      switch (t.verdict()) {
        case HEALTHY -> {
          // The aggregator's memory of continuous health wins over the records, whose
          // healthySince moves forward whenever a vantage re-joins (ADR 0013).
          Instant announced = in.announcedHealthySince().get(e.id());
          Optional<Instant> since = announced != null ? Optional.of(announced) : t.healthySince();
          double f = holdDownFraction(since);
          r.healthy++;
          strictlyHealthy += capacity;
          r.effective.add(e);
          r.healthyFull += capacity;
          r.healthyScaled += capacity * f;
          if (f < 1) {
            r.holdDown++;
            if (r.holdDownExamples.size() < MAX_EXAMPLES) {
              r.holdDownExamples.add(
                  e.id()
                      + " healthy for "
                      + human(Duration.between(since.orElseThrow(), now))
                      + " of "
                      + human(cfg.holdDown())
                      + " ("
                      + pct(f)
                      + ")");
            }
          } else {
            settle(r, e);
          }
        }
        case UNKNOWN -> {
          if (carryOver && r.published(e.address().value())) {
            r.carried++;
            r.effective.add(e);
            settle(r, e);
            r.healthyFull += capacity;
            r.healthyScaled += capacity;
          } else {
            r.unknown++;
            example(r.unknownExamples, e, ballot);
          }
        }
        case UNHEALTHY -> {
          r.unhealthy++;
          example(r.unhealthyExamples, e, ballot);
        }
      }
    }

    /** Names the endpoint with its votes; the evidence is only built for the few shown. */
    private void example(List<String> examples, Endpoint e, Quorum.Ballot ballot) {
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(
            e.id() + " [" + Quorum.evaluate(e, ballot.records(), cfg, now).evidence() + "]");
      }
    }

    /** 1 outside hold-down; else linear from HOLD_DOWN_START_FRACTION over the hold-down. */
    private double holdDownFraction(Optional<Instant> healthySince) {
      if (previous.isEmpty() || cfg.holdDown().isZero() || healthySince.isEmpty()) {
        return 1;
      }
      long up = Duration.between(healthySince.get(), now).toMillis();
      long hold = cfg.holdDown().toMillis();
      if (up >= hold) {
        return 1;
      }
      return Math.max(HOLD_DOWN_START_FRACTION, Math.max(0, up) / (double) hold);
    }

    private void collectDrills() {
      List<Drill> drills = new ArrayList<>();
      for (Drill d : in.drills()) {
        if (d.service().equals(cfg.name())
            && d.state() == DrillState.ACTIVE
            && !now.isBefore(d.startAt())
            && now.isBefore(d.expiresAt())) {
          drills.add(d);
        }
      }
      drills.sort(Comparator.comparing(d -> d.id().value()));
      for (Drill d : drills) {
        Reg r = regs.get(d.region());
        String what =
            "drill "
                + d.id()
                + " "
                + d.mode()
                + " "
                + d.region()
                + " until "
                + d.expiresAt()
                + " by "
                + d.requester()
                + (d.reason().isEmpty() ? "" : " (" + d.reason() + ")");
        if (r == null) {
          notes.add(what + ": the service has no endpoint there, nothing to do");
        } else if (d.mode().kind() == DrillMode.Kind.SHIFT
            && cfg.policy() != RoutingPolicy.WEIGHTED) {
          notes.add(what + ": SHIFT needs the WEIGHTED policy, ignored under " + cfg.policy());
        } else {
          r.drillKeep *= 1 - d.mode().fraction();
          r.drillNotes.add(what);
        }
      }
    }

    // ---------------------------------------------------------------- policies

    private RoutingPlan weighted() {
      List<Reg> list = new ArrayList<>(regs.values());
      int n = list.size();
      double sumBase = 0;
      for (Reg r : list) {
        sumBase += r.baseWeight;
      }
      boolean baseByCapacity = sumBase == 0;
      if (baseByCapacity) {
        notes.add("every base weight is 0: using capacity as the base instead");
      }
      double[] kept = new double[n];
      double[] headroom = new double[n];
      double removed = 0;
      double sumHeadroom = 0;
      for (int i = 0; i < n; i++) {
        Reg r = list.get(i);
        if (r.registered == 0) {
          continue;
        }
        double nominal =
            load * (baseByCapacity ? r.registered / registered : r.baseWeight / sumBase);
        double f = r.healthyScaled / r.registered;
        kept[i] = nominal * f;
        removed += nominal - kept[i];
        boolean drilled = drillsHonoured && r.drilled();
        if (drilled) {
          removed += kept[i] * (1 - r.drillKeep);
          kept[i] *= r.drillKeep;
        } else {
          headroom[i] = Math.max(0, r.healthyScaled - kept[i]);
          sumHeadroom += headroom[i];
        }
      }
      double[] loads = kept.clone();
      double overflow = 0;
      if (removed > 0 && sumHeadroom > 0) {
        double taken = Math.min(removed, sumHeadroom);
        for (int i = 0; i < n; i++) {
          loads[i] += taken * headroom[i] / sumHeadroom;
        }
        overflow = removed - taken;
      } else {
        overflow = removed;
      }
      if (overflow > 1e-9) {
        double base = 0;
        for (int i = 0; i < n; i++) {
          Reg r = list.get(i);
          if (!(drillsHonoured && r.drilled())) {
            base += r.healthyScaled;
          }
        }
        if (base <= 0) {
          return null; // only drilled regions have capacity
        }
        for (int i = 0; i < n; i++) {
          Reg r = list.get(i);
          if (!(drillsHonoured && r.drilled())) {
            loads[i] += overflow * r.healthyScaled / base;
          }
        }
      }
      double sumLoad = 0;
      for (double l : loads) {
        sumLoad += l;
      }
      if (sumLoad <= 0) {
        return null;
      }
      double[] target = new double[n];
      for (int i = 0; i < n; i++) {
        target[i] = loads[i] / sumLoad;
        list.get(i).target = target[i];
      }
      for (Reg r : list) {
        r.values = values(r);
      }
      double[] shares = stepCap(list, target);
      int[] weights = WeightRounding.weights(shares);
      boolean[] held = holdOneUnitChanges(list, weights);
      for (int i = 0; i < n; i++) {
        Reg r = list.get(i);
        r.share = shares[i];
        r.weight = held[i] ? r.prev.weight() : weights[i];
        r.included = weights[i] > 0;
        StringBuilder sb = new StringBuilder(describeHealth(r));
        sb.append("; base weight ").append(round(r.baseWeight));
        if (r.draining > 0) {
          sb.append(" (").append(r.fullBaseWeight).append(" before the drain ramp)");
        }
        if (r.registered > 0) {
          sb.append(", load ")
              .append(round(loads[i]))
              .append(" of ")
              .append(round(r.healthyScaled))
              .append(" healthy capacity");
        }
        sb.append(" → target ").append(pct(target[i]));
        if (Math.abs(shares[i] - target[i]) > 1e-6) {
          sb.append(", share ").append(pct(shares[i]));
        }
        sb.append(", weight ").append(weights[i]);
        if (held[i]) {
          sb.append(" — kept at ")
              .append(r.weight)
              .append(": a change of one unit in 255 is not worth a DNS change");
        }
        r.why.add(sb.toString());
        if (r.rampNote != null) {
          r.why.add(r.rampNote);
        }
      }
      Optional<String> warning = Optional.empty();
      double healthyForLoad = 0;
      for (Reg r : list) {
        healthyForLoad += r.healthyFull;
      }
      if (load > healthyForLoad) {
        warning =
            Optional.of(
                "remaining healthy capacity "
                    + round(healthyForLoad)
                    + " cannot carry the expected load "
                    + round(load));
      } else if (overflow > 1e-9) {
        warning =
            Optional.of(
                "the regions that can take more traffic lack "
                    + round(overflow)
                    + " units of headroom for the expected load "
                    + round(load)
                    + " (hold-down or drills limit the others)");
      }
      return build(PlanMode.NORMAL, warning);
    }

    /**
     * Which regions keep their previous weight because the new one differs from it by exactly one
     * unit (1/255 of a full weight, ≈ 0.4 %): such a change moves almost no traffic but is a DNS
     * change, and near-equal fractional shares (regions in hold-down that became healthy a few
     * milliseconds apart) round to 255 and 254 alternately from plan to plan. A change to 0 (fast
     * down) or to the full {@link Endpoint#MAX_WEIGHT} (the end of a ramp) always goes through, so
     * ramps still end at full weight.
     */
    private boolean[] holdOneUnitChanges(List<Reg> list, int[] weights) {
      boolean[] held = new boolean[weights.length];
      if (previous.isEmpty() || previous.get().policy() != RoutingPolicy.WEIGHTED) {
        return held;
      }
      for (int i = 0; i < weights.length; i++) {
        Reg r = list.get(i);
        if (r.prev == null || !r.prev.included()) {
          continue;
        }
        int was = r.prev.weight();
        int now = weights[i];
        held[i] = was > 0 && now > 0 && now < Endpoint.MAX_WEIGHT && Math.abs(now - was) == 1;
      }
      return held;
    }

    /** Slow up, fast down: caps each region's growth relative to the previous plan. */
    private double[] stepCap(List<Reg> list, double[] target) {
      int n = list.size();
      if (previous.isEmpty() || previous.get().policy() != RoutingPolicy.WEIGHTED) {
        return quantize(target);
      }
      RoutingPlan prev = previous.get();
      double allowed = allowedIncrease(prev);
      double[] p = new double[n];
      boolean[] fixed = new boolean[n];
      // A region in a drill never gets more than its drilled target, whatever it had before (a
      // region new to the plan would otherwise absorb other regions' capped growth beyond it, and
      // the next plan would pull it back: not a fixed point).
      boolean[] atMostTarget = new boolean[n];
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Reg r = list.get(i);
        p[i] = r.prev == null ? 0 : r.prev.share();
        atMostTarget[i] = drillsHonoured && r.drilled();
        if (p[i] <= 0) {
          continue;
        }
        String why = null;
        if (target[i] <= 0) {
          why = r.region + " lost all traffic";
        } else if (drillsHonoured && r.drilled()) {
          why = r.region + " is in a drill";
        } else if (!r.keepsPublishedValues()) {
          why = r.region + " lost endpoints";
        }
        if (why != null && r.drained > 0) {
          why += " (drain complete: " + String.join(", ", r.drainedExamples) + ")";
        }
        if (why != null) {
          fixed[i] = true;
          failed.add(why);
        }
      }
      for (RegionRoute old : prev.regions()) {
        if (old.share() > 0 && !regs.containsKey(old.region())) {
          failed.add(old.region() + " has no endpoints any more");
        }
      }
      double[] cap = new double[n];
      for (int i = 0; i < n; i++) {
        cap[i] = fixed[i] || atMostTarget[i] ? Math.min(target[i], p[i] + allowed) : p[i] + allowed;
      }
      double[] s = waterFill(target, cap);
      if (s == null) {
        for (int i = 0; i < n; i++) {
          if (!fixed[i]) {
            cap[i] = Double.POSITIVE_INFINITY;
          }
        }
        s = waterFill(target, cap);
        notes.add(
            "step cap lifted: "
                + (failed.isEmpty()
                    ? "the previous plan's shares cannot be ramped from"
                    : String.join(", ", failed))
                + "; the other regions take the traffic at once");
        if (s == null) {
          s = target.clone();
        }
      } else {
        for (int i = 0; i < n; i++) {
          Reg r = list.get(i);
          if (!fixed[i] && s[i] < target[i] - 1e-6 && s[i] > p[i] - 1e-12) {
            r.rampNote =
                ("ramping up: "
                    + pct(p[i])
                    + " → "
                    + pct(s[i])
                    + " of target "
                    + pct(target[i])
                    + " (at most +"
                    + pct(allowed)
                    + " this step)");
          }
        }
        if (!failed.isEmpty()) {
          notes.add("fast down: " + String.join(", ", failed));
        }
      }
      if (allowed < cfg.maxStepIncrease()) {
        notes.add(
            "step allowance +"
                + pct(allowed)
                + " ("
                + human(Duration.between(prev.computedAt(), now))
                + " since the previous plan; maxStepIncrease "
                + pct(cfg.maxStepIncrease())
                + ", rampDuration "
                + human(cfg.rampDuration())
                + ")");
      }
      return quantize(s);
    }

    private double allowedIncrease(RoutingPlan prev) {
      Duration elapsed = Duration.between(prev.computedAt(), now);
      double max = cfg.maxStepIncrease();
      if (elapsed.isNegative() || elapsed.isZero()) {
        return 0;
      }
      if (cfg.rampDuration().isZero()) {
        return max;
      }
      double stepNanos = cfg.rampDuration().toNanos() * max;
      return max * Math.min(1, elapsed.toNanos() / stepNanos);
    }

    private RoutingPlan failover() {
      Reg primary = null;
      Reg fallback = null;
      List<Reg> ordered = new ArrayList<>();
      for (Region region : cfg.failoverPriority()) {
        Reg r = regs.get(region);
        if (r == null) {
          notes.add("failoverPriority lists " + region + ", which has no endpoints");
          continue;
        }
        ordered.add(r);
        if (usable(r)) {
          if (fallback == null) {
            fallback = r;
          }
          if (primary == null && hasSettled(r)) {
            primary = r;
          }
        }
      }
      if (primary == null) {
        primary = fallback;
        if (primary != null) {
          notes.add(
              "no region out of hold-down: "
                  + primary.region
                  + " is PRIMARY while it finishes its hold-down");
        }
      }
      if (primary == null) {
        return null;
      }
      Reg secondary = null;
      for (Reg r : ordered) {
        if (r != primary && usable(r)) {
          secondary = r;
          break;
        }
      }
      for (Reg r : regs.values()) {
        r.values = values(r);
        boolean inPriority = ordered.contains(r);
        r.role =
            r == primary
                ? FailoverRole.PRIMARY
                : r == secondary
                    ? FailoverRole.SECONDARY
                    : inPriority ? FailoverRole.STANDBY : FailoverRole.NONE;
        r.included = r == primary || r == secondary;
        r.weight = r.included ? r.meanBaseWeight() : 0;
        r.share = r == primary ? 1 : 0;
        r.target = r.share;
        String role =
            switch (r.role) {
              case PRIMARY -> "PRIMARY (first usable region of failoverPriority)";
              case SECONDARY -> "SECONDARY (next usable region)";
              case STANDBY -> usable(r) ? "STANDBY" : "STANDBY (not usable)";
              case NONE -> "not in failoverPriority: never used";
            };
        r.why.add(describeHealth(r) + "; " + role);
      }
      Optional<String> warning =
          primary.healthyFull < load
              ? Optional.of(
                  "PRIMARY "
                      + primary.region
                      + " has healthy capacity "
                      + round(primary.healthyFull)
                      + ", less than the expected load "
                      + round(load))
              : Optional.empty();
      return build(PlanMode.NORMAL, warning);
    }

    private RoutingPlan latency() {
      List<Reg> usable = regs.values().stream().filter(this::usable).toList();
      if (usable.isEmpty()) {
        return null;
      }
      List<Reg> included = new ArrayList<>();
      for (Reg r : usable) {
        boolean wasIncluded = r.prev != null && r.prev.included() && !r.prev.values().isEmpty();
        if (previous.isEmpty() || wasIncluded || hasSettled(r)) {
          included.add(r);
        } else {
          r.why.add("waits for its hold-down before it is included again");
        }
      }
      if (included.isEmpty()) {
        included.addAll(usable);
        notes.add("every usable region is in hold-down: including them all");
      }
      double sum = 0;
      for (Reg r : included) {
        sum += r.healthyScaled;
      }
      double carrying = 0;
      for (Reg r : regs.values()) {
        r.values = values(r);
        r.included = included.contains(r);
        r.weight = r.included ? r.meanBaseWeight() : 0;
        r.share = r.included ? quantize(r.healthyScaled / sum) : 0;
        r.target = r.share;
        if (r.included) {
          carrying += r.healthyFull;
        }
        r.why.add(
            0,
            describeHealth(r)
                + (r.included ? "; included (latency record)" : "; excluded")
                + (r.evacuated() && drillsHonoured ? " by drill" : ""));
      }
      return build(PlanMode.NORMAL, loadWarning(carrying));
    }

    private RoutingPlan multivalue() {
      List<List<Endpoint>> queues = new ArrayList<>();
      List<Reg> order = new ArrayList<>();
      for (Reg r : regs.values()) {
        if (!usable(r)) {
          continue;
        }
        List<Endpoint> q = new ArrayList<>(r.effective);
        q.sort(
            Comparator.comparing((Endpoint e) -> !r.published(e.address().value()))
                .thenComparing(e -> r.settledIds == null || !r.settledIds.contains(e.id()))
                .thenComparing(e -> e.address().value())
                .thenComparing(Endpoint::id));
        queues.add(q);
        order.add(r);
      }
      if (order.isEmpty()) {
        return null;
      }
      Map<Reg, TreeSet<String>> picked = new HashMap<>();
      Set<String> seen = new HashSet<>();
      int total = 0;
      int[] next = new int[queues.size()];
      boolean progress = true;
      while (total < MAX_MULTIVALUE_ANSWERS && progress) {
        progress = false;
        for (int i = 0; i < queues.size() && total < MAX_MULTIVALUE_ANSWERS; i++) {
          List<Endpoint> q = queues.get(i);
          while (next[i] < q.size()) {
            String a = q.get(next[i]++).address().value();
            if (seen.add(a)) {
              picked.computeIfAbsent(order.get(i), k -> new TreeSet<>()).add(a);
              total++;
              progress = true;
              break;
            }
          }
        }
      }
      double carrying = 0;
      for (Reg r : regs.values()) {
        TreeSet<String> mine = picked.get(r);
        r.values = mine == null ? List.of() : List.copyOf(mine);
        r.included = mine != null;
        r.weight = r.included ? r.meanBaseWeight() : 0;
        r.share = mine == null ? 0 : quantize((double) mine.size() / total);
        r.target = r.share;
        if (r.included) {
          carrying += r.healthyFull;
        }
        r.why.add(
            describeHealth(r)
                + "; "
                + r.values.size()
                + " of the "
                + total
                + " multivalue answers"
                + (r.evacuated() && drillsHonoured ? " (evacuated by drill)" : ""));
      }
      return build(PlanMode.NORMAL, loadWarning(carrying));
    }

    private Optional<String> loadWarning(double carrying) {
      return carrying < load
          ? Optional.of(
              "healthy capacity of the answering regions "
                  + round(carrying)
                  + " cannot carry the expected load "
                  + round(load))
          : Optional.empty();
    }

    private boolean usable(Reg r) {
      return !r.effective.isEmpty() && !(drillsHonoured && r.evacuated());
    }

    private static boolean hasSettled(Reg r) {
      return r.settled > 0;
    }

    // ---------------------------------------------------------------- fail open / static

    /** Every region by base weight with every ACTIVE endpoint (Route 53's "all unhealthy"). */
    private RoutingPlan open(String why) {
      notes.add(why);
      resetOutputs();
      List<Reg> list = new ArrayList<>(regs.values());
      double sumBase = 0;
      for (Reg r : list) {
        sumBase += r.baseWeight;
      }
      double[] shares = new double[list.size()];
      for (int i = 0; i < shares.length; i++) {
        Reg r = list.get(i);
        shares[i] = sumBase > 0 ? r.baseWeight / sumBase : r.registered / registered;
      }
      shares = quantize(shares);
      int[] weights = WeightRounding.weights(shares);
      Reg primary = null;
      Reg secondary = null;
      if (cfg.policy() == RoutingPolicy.FAILOVER) {
        List<Reg> candidates = new ArrayList<>();
        for (Region region : cfg.failoverPriority()) {
          Reg r = regs.get(region);
          if (r != null && !r.routable.isEmpty()) {
            candidates.add(r);
          }
        }
        if (candidates.isEmpty()) {
          list.stream().filter(r -> !r.routable.isEmpty()).forEach(candidates::add);
        }
        primary = candidates.isEmpty() ? null : candidates.get(0);
        secondary = candidates.size() < 2 ? null : candidates.get(1);
      }
      int answers = 0;
      for (int i = 0; i < list.size(); i++) {
        Reg r = list.get(i);
        List<String> all = addresses(r, r.routable);
        if (cfg.policy() == RoutingPolicy.MULTIVALUE) {
          int room = Math.max(0, MAX_MULTIVALUE_ANSWERS - answers);
          all = all.subList(0, Math.min(room, all.size()));
          answers += all.size();
        }
        r.values = all;
        switch (cfg.policy()) {
          case WEIGHTED -> {
            r.weight = weights[i];
            r.share = shares[i];
            r.included = r.weight > 0;
          }
          case FAILOVER -> {
            r.role =
                r == primary
                    ? FailoverRole.PRIMARY
                    : r == secondary
                        ? FailoverRole.SECONDARY
                        : cfg.failoverPriority().contains(r.region)
                            ? FailoverRole.STANDBY
                            : FailoverRole.NONE;
            r.included = r == primary || r == secondary;
            r.weight = r.included ? r.meanBaseWeight() : 0;
            r.share = r == primary ? 1 : 0;
          }
          case LATENCY, MULTIVALUE -> {
            r.included = !r.values.isEmpty();
            r.weight = r.included ? r.meanBaseWeight() : 0;
            r.share = shares[i];
          }
        }
        r.target = r.share;
        r.why.add(
            describeHealth(r)
                + "; fail open: every ACTIVE endpoint, base weight "
                + round(r.baseWeight)
                + (cfg.policy() == RoutingPolicy.WEIGHTED ? ", weight " + r.weight : "")
                + (r.role != FailoverRole.NONE ? ", " + r.role : ""));
      }
      boolean anyDrill = regs.values().stream().anyMatch(r -> !r.drillNotes.isEmpty());
      if (anyDrill) {
        notes.add("drills are not honoured while failing open");
      }
      drillsHonoured = false;
      // Counted without fail-static carry-over, which depends on what was published before.
      Optional<String> warning =
          strictlyHealthy < load
              ? Optional.of(
                  "healthy capacity "
                      + round(strictlyHealthy)
                      + " cannot carry the expected load "
                      + round(load))
              : Optional.empty();
      return build(PlanMode.PANIC, warning);
    }

    private RoutingPlan keepPrevious(String why) {
      RoutingPlan p = previous.orElseThrow();
      List<String> lines = new ArrayList<>();
      lines.add(why);
      lines.add("kept from the plan computed at " + p.computedAt() + " (" + p.mode() + ")");
      for (RegionRoute r : p.regions()) {
        lines.add(r.region() + ": " + r.explanation());
      }
      // A kept PANIC plan still fails open, and says so: its values (every endpoint) must never
      // be mistaken for evidence of health by the fail-static carry-over of a later plan.
      return new RoutingPlan(
          p.service(),
          p.policy(),
          p.recordType(),
          p.ttl(),
          p.mode() == PlanMode.PANIC ? PlanMode.PANIC : PlanMode.STATIC,
          p.regions(),
          lines,
          p.capacityWarning(),
          now);
    }

    private void resetOutputs() {
      for (Reg r : regs.values()) {
        r.why.clear();
        r.role = FailoverRole.NONE;
        r.included = false;
        r.weight = 0;
        r.share = 0;
        r.target = 0;
        r.values = List.of();
        r.rampNote = null;
      }
    }

    // ---------------------------------------------------------------- output

    private RoutingPlan build(PlanMode mode, Optional<String> warning) {
      List<RegionRoute> routes = new ArrayList<>(regs.size());
      List<String> lines = new ArrayList<>();
      lines.add(header());
      lines.addAll(notes);
      for (Reg r : regs.values()) {
        if (drillsHonoured && !r.drillNotes.isEmpty()) {
          r.why.add(String.join("; ", r.drillNotes));
        } else if (!r.drillNotes.isEmpty()) {
          r.why.add("not honoured: " + String.join("; ", r.drillNotes));
        }
        String why = String.join("; ", r.why);
        routes.add(
            new RegionRoute(
                r.region, r.weight, r.included, r.role, r.values, Math.min(1, r.share), why));
        lines.add(r.region + ": " + why);
      }
      warning.ifPresent(w -> lines.add("capacity warning: " + w));
      return new RoutingPlan(
          cfg.name(), cfg.policy(), cfg.recordType(), cfg.ttl(), mode, routes, lines, warning, now);
    }

    private String header() {
      return cfg.policy()
          + " plan for "
          + cfg.name()
          + ": "
          + regs.size()
          + " regions, "
          + regs.values().stream().mapToInt(r -> r.routable.size()).sum()
          + " routable endpoints, "
          + vantages
          + " vantages; quorum "
          + cfg.quorum()
          + ", staleness "
          + human(cfg.staleness())
          + ", hold-down "
          + human(cfg.holdDown())
          + ", panic below "
          + pct(cfg.panicThreshold())
          + "; healthy capacity "
          + round(effectiveHealthy)
          + " of "
          + round(registered)
          + ", expected load "
          + round(load)
          + (cfg.expectedLoad() > 0
              ? ""
              : " (" + pct(ServiceConfig.DEFAULT_UTILIZATION) + " of registered)");
    }

    private String describeHealth(Reg r) {
      StringBuilder sb = new StringBuilder(128);
      sb.append(r.healthy + r.carried)
          .append('/')
          .append(r.routable.size())
          .append(" endpoints healthy (capacity ")
          .append(round(r.healthyFull))
          .append('/')
          .append(round(r.registered));
      if (r.registered > 0) {
        sb.append(" = ").append(pct(r.healthyFull / r.registered));
      }
      sb.append(')');
      if (r.carried > 0) {
        sb.append(", ").append(r.carried).append(" kept while UNKNOWN (fail static)");
      }
      appendExamples(sb, r.holdDown, "in hold-down", r.holdDownExamples);
      appendExamples(sb, r.unhealthy, "UNHEALTHY", r.unhealthyExamples);
      appendExamples(sb, r.unknown, "UNKNOWN and not published before", r.unknownExamples);
      if (r.unroutable > 0) {
        sb.append(", ")
            .append(r.unroutable)
            .append(" with an address that cannot be in ")
            .append(cfg.recordType())
            .append(" records");
      }
      if (r.notActive > 0) {
        sb.append(", ").append(r.notActive).append(" not ACTIVE");
      }
      appendExamples(sb, r.draining, "draining", r.drainingExamples);
      appendExamples(
          sb,
          r.drained,
          "drained (weight ramped to 0, left out of the records)",
          r.drainedExamples);
      return sb.toString();
    }

    private static void appendExamples(StringBuilder sb, int count, String what, List<String> ex) {
      if (count == 0) {
        return;
      }
      sb.append(", ")
          .append(count)
          .append(' ')
          .append(what)
          .append(": ")
          .append(String.join(", ", ex));
      if (count > ex.size()) {
        sb.append(" (+").append(count - ex.size()).append(" more)");
      }
    }

    /** Not draining first, then published, then capacity. */
    private static double cnameRank(Reg r, Endpoint e) {
      return (e.draining() ? 0 : 4e6) + (r.published(e.address().value()) ? 2e6 : 0) + e.capacity();
    }

    /** The record values of a region: its effective endpoints' addresses (one for CNAME). */
    private List<String> values(Reg r) {
      return addresses(r, r.effective);
    }

    private List<String> addresses(Reg r, List<Endpoint> endpoints) {
      if (endpoints.isEmpty()) {
        return List.of();
      }
      if (cfg.recordType() == RecordType.CNAME) {
        // A CNAME has exactly one value: keep the published one while it is usable (no churn),
        // else the endpoint with the most capacity. A draining endpoint gives way to one that is
        // not (its region's traffic cannot ramp inside a single value).
        Endpoint best = null;
        for (Endpoint e : endpoints) {
          if (r.published(e.address().value()) && !e.draining()) {
            return List.of(e.address().value());
          }
          if (best == null || cnameRank(r, e) > cnameRank(r, best)) {
            best = e;
          }
        }
        return List.of(best.address().value());
      }
      String[] all = new String[endpoints.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = endpoints.get(i).address().value();
      }
      Arrays.sort(all);
      int n = 0;
      for (int i = 0; i < all.length; i++) {
        if (n == 0 || !all[i].equals(all[n - 1])) {
          all[n++] = all[i];
        }
      }
      return List.of(n == all.length ? all : Arrays.copyOf(all, n));
    }
  }

  // ---------------------------------------------------------------- arithmetic

  /**
   * Shares {@code s_i = min(λ·t_i, cap_i)} with {@code Σ s_i = 1}: the regions below their cap
   * scale together; null when the caps cannot add up to 1.
   */
  static double[] waterFill(double[] target, double[] cap) {
    int n = target.length;
    Integer[] idx =
        java.util.stream.IntStream.range(0, n)
            .filter(i -> target[i] > 0)
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(
        idx,
        Comparator.comparingDouble((Integer i) -> cap[i] / target[i]).thenComparingInt(i -> i));
    double[] s = new double[n];
    double remaining = 1;
    double tsum = 0;
    for (int i : idx) {
      tsum += target[i];
    }
    int k = 0;
    while (k < idx.length) {
      int i = idx[k];
      double lambda = remaining / tsum;
      if (cap[i] / target[i] <= lambda) {
        s[i] = cap[i];
        remaining -= cap[i];
        tsum -= target[i];
        k++;
      } else {
        break;
      }
    }
    if (k == idx.length) {
      return remaining <= 1e-6 ? s : null;
    }
    double lambda = remaining / tsum;
    for (int j = k; j < idx.length; j++) {
      s[idx[j]] = lambda * target[idx[j]];
    }
    return s;
  }

  static double[] quantize(double[] shares) {
    double[] out = new double[shares.length];
    for (int i = 0; i < shares.length; i++) {
      out[i] = quantize(shares[i]);
    }
    return out;
  }

  static double quantize(double share) {
    return Math.min(1, Math.max(0, Math.round(share * SHARE_GRID) / SHARE_GRID));
  }

  static String pct(double fraction) {
    double p = fraction * 100;
    return (p == Math.rint(p)
            ? Long.toString((long) p)
            : String.format(Locale.ROOT, p < 1 ? "%.2f" : "%.1f", p))
        + "%";
  }

  static String round(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (d.isNegative()) {
      return "-" + human(d.negated());
    }
    if (s < 120 || s % 60 != 0) {
      return s + "s";
    }
    return s % 3600 == 0 ? s / 3600 + "h" : s / 60 + "m";
  }
}
