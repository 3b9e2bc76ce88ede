package dev.meridian.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A service's routing and health configuration. One validated, immutable object; every default is a
 * named constant below and documented in {@code docs/configuration.md}.
 *
 * @param name the DNS name the service answers on
 * @param policy how traffic is split between regions
 * @param failoverPriority regions in priority order (required for FAILOVER, ignored otherwise)
 * @param recordType the published record type
 * @param ttl DNS TTL of the published records (0 s – 1 day)
 * @param probe probe interval, timeout, rise and fall
 * @param quorum how many fresh vantages must agree for HEALTHY / UNHEALTHY (1–16)
 * @param staleness a vantage whose last report is older than this is not counted; must exceed the
 *     health heartbeat (60 s on AWS) so a quiet but alive vantage is never stale
 * @param holdDown after DOWN → UP an endpoint ramps instead of taking full traffic at once, until
 *     it has been UP this long
 * @param damping flap-damping parameters
 * @param rampDuration how long a recovering region takes to climb back to its full share
 * @param maxStepIncrease the largest share of total traffic one planning step may add to a region
 *     (0.01–1.0), except when another region failed
 * @param panicThreshold healthy capacity / registered capacity below which the service is in PANIC
 *     (0–1); then {@code failMode} decides
 * @param failMode OPEN (route to all regions by base weight) or STATIC (keep the last plan)
 * @param drillHeadroom fraction of each remaining region's healthy capacity a drill must leave free
 * @param expectedLoad the service's load in capacity units; 0 means "assume {@link
 *     #DEFAULT_UTILIZATION} of the registered ACTIVE capacity"
 * @param allowPrivateTargets whether probes may connect to loopback / private addresses (local mode
 *     and VPC-internal services); link-local and metadata addresses are never allowed
 * @param drainDuration how long a drained endpoint's weight and capacity take to ramp linearly from
 *     their registered values to 0 before it leaves the records and becomes DRAINING; 0 drains at
 *     once (ADR 0012)
 */
public record ServiceConfig(
    ServiceName name,
    RoutingPolicy policy,
    List<Region> failoverPriority,
    RecordType recordType,
    Duration ttl,
    ProbeSettings probe,
    int quorum,
    Duration staleness,
    Duration holdDown,
    FlapDamping damping,
    Duration rampDuration,
    double maxStepIncrease,
    double panicThreshold,
    FailMode failMode,
    double drillHeadroom,
    int expectedLoad,
    boolean allowPrivateTargets,
    Duration drainDuration) {

  public static final RoutingPolicy DEFAULT_POLICY = RoutingPolicy.WEIGHTED;
  public static final RecordType DEFAULT_RECORD_TYPE = RecordType.A;
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  public static final Duration MAX_TTL = Duration.ofDays(1);
  public static final int DEFAULT_QUORUM = 2;
  public static final int MAX_QUORUM = 16;
  public static final Duration DEFAULT_STALENESS = Duration.ofSeconds(150);
  public static final Duration DEFAULT_HOLD_DOWN = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RAMP = Duration.ofMinutes(2);

  /**
   * A drain ramps down as slowly as a recovery ramps up by default, so that the other regions' step
   * caps ({@link #DEFAULT_MAX_STEP_INCREASE} per plan over {@link #DEFAULT_RAMP}) can absorb the
   * traffic as it leaves.
   */
  public static final Duration DEFAULT_DRAIN = DEFAULT_RAMP;

  public static final Duration MAX_DRAIN = Duration.ofDays(1);
  public static final double DEFAULT_MAX_STEP_INCREASE = 0.25;
  public static final double DEFAULT_PANIC_THRESHOLD = 0.25;
  public static final FailMode DEFAULT_FAIL_MODE = FailMode.OPEN;
  public static final double DEFAULT_DRILL_HEADROOM = 0.10;
  public static final double DEFAULT_UTILIZATION = 0.5;

  public ServiceConfig {
    Validation.notNull(name, "name");
    Validation.notNull(policy, "policy");
    failoverPriority = failoverPriority == null ? List.of() : List.copyOf(failoverPriority);
    Validation.require(
        new HashSet<>(failoverPriority).size() == failoverPriority.size(),
        "failoverPriority",
        failoverPriority,
        "must not list a region twice");
    Validation.require(
        policy != RoutingPolicy.FAILOVER || !failoverPriority.isEmpty(),
        "failoverPriority",
        failoverPriority,
        "must list at least one region for the FAILOVER policy");
    Validation.notNull(recordType, "recordType");
    Validation.require(
        recordType.isServiceType(),
        "recordType",
        recordType,
        "must be A, AAAA or CNAME (TXT is reserved for Meridian's ownership record)");
    Validation.require(
        !(policy == RoutingPolicy.MULTIVALUE && recordType == RecordType.CNAME),
        "recordType",
        recordType,
        "CNAME cannot be used with the MULTIVALUE policy (a CNAME has exactly one value)");
    Validation.nonNegative(ttl, "ttl");
    Validation.require(ttl.compareTo(MAX_TTL) <= 0, "ttl", ttl, "must be at most 1 day");
    Validation.notNull(probe, "probe");
    Validation.inRange(quorum, 1, MAX_QUORUM, "quorum");
    Validation.positive(staleness, "staleness");
    Validation.require(
        staleness.compareTo(probe.interval()) > 0,
        "staleness",
        staleness,
        "must be longer than probe.interval (" + probe.interval() + ")");
    Validation.nonNegative(holdDown, "holdDown");
    Validation.notNull(damping, "damping");
    Validation.nonNegative(rampDuration, "rampDuration");
    Validation.inRange(maxStepIncrease, 0.01, 1.0, "maxStepIncrease");
    Validation.inRange(panicThreshold, 0.0, 1.0, "panicThreshold");
    Validation.notNull(failMode, "failMode");
    Validation.inRange(drillHeadroom, 0.0, 0.9, "drillHeadroom");
    Validation.inRange(expectedLoad, 0, Integer.MAX_VALUE, "expectedLoad");
    Validation.nonNegative(drainDuration, "drainDuration");
    Validation.require(
        drainDuration.compareTo(MAX_DRAIN) <= 0,
        "drainDuration",
        drainDuration,
        "must be at most 1 day");
  }

  /** A configuration stored before drains ramped: {@link #DEFAULT_DRAIN}. */
  public ServiceConfig(
      ServiceName name,
      RoutingPolicy policy,
      List<Region> failoverPriority,
      RecordType recordType,
      Duration ttl,
      ProbeSettings probe,
      int quorum,
      Duration staleness,
      Duration holdDown,
      FlapDamping damping,
      Duration rampDuration,
      double maxStepIncrease,
      double panicThreshold,
      FailMode failMode,
      double drillHeadroom,
      int expectedLoad,
      boolean allowPrivateTargets) {
    this(
        name,
        policy,
        failoverPriority,
        recordType,
        ttl,
        probe,
        quorum,
        staleness,
        holdDown,
        damping,
        rampDuration,
        maxStepIncrease,
        panicThreshold,
        failMode,
        drillHeadroom,
        expectedLoad,
        allowPrivateTargets,
        DEFAULT_DRAIN);
  }

  public static Builder builder(ServiceName name) {
    return new Builder(name);
  }

  public static Builder builder(String name) {
    return new Builder(ServiceName.of(name));
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.policy = policy;
    b.failoverPriority = new ArrayList<>(failoverPriority);
    b.recordType = recordType;
    b.ttl = ttl;
    b.probe = probe;
    b.quorum = quorum;
    b.staleness = staleness;
    b.holdDown = holdDown;
    b.damping = damping;
    b.rampDuration = rampDuration;
    b.maxStepIncrease = maxStepIncrease;
    b.panicThreshold = panicThreshold;
    b.failMode = failMode;
    b.drillHeadroom = drillHeadroom;
    b.expectedLoad = expectedLoad;
    b.allowPrivateTargets = allowPrivateTargets;
    b.drainDuration = drainDuration;
    return b;
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private final ServiceName name;
    private RoutingPolicy policy = DEFAULT_POLICY;
    private List<Region> failoverPriority = new ArrayList<>();
    private RecordType recordType = DEFAULT_RECORD_TYPE;
    private Duration ttl = DEFAULT_TTL;
    private ProbeSettings probe = ProbeSettings.DEFAULT;
    private int quorum = DEFAULT_QUORUM;
    private Duration staleness = DEFAULT_STALENESS;
    private Duration holdDown = DEFAULT_HOLD_DOWN;
    private FlapDamping damping = FlapDamping.DEFAULT;
    private Duration rampDuration = DEFAULT_RAMP;
    private double maxStepIncrease = DEFAULT_MAX_STEP_INCREASE;
    private double panicThreshold = DEFAULT_PANIC_THRESHOLD;
    private FailMode failMode = DEFAULT_FAIL_MODE;
    private double drillHeadroom = DEFAULT_DRILL_HEADROOM;
    private int expectedLoad = 0;
    private boolean allowPrivateTargets = false;
    private Duration drainDuration = DEFAULT_DRAIN;

    private Builder(ServiceName name) {
      this.name = name;
    }

    public Builder policy(RoutingPolicy v) {
      policy = v;
      return this;
    }

    public Builder failoverPriority(List<Region> v) {
      failoverPriority = new ArrayList<>(v);
      return this;
    }

    public Builder recordType(RecordType v) {
      recordType = v;
      return this;
    }

    public Builder ttl(Duration v) {
      ttl = v;
      return this;
    }

    public Builder probe(ProbeSettings v) {
      probe = v;
      return this;
    }

    public Builder quorum(int v) {
      quorum = v;
      return this;
    }

    public Builder staleness(Duration v) {
      staleness = v;
      return this;
    }

    public Builder holdDown(Duration v) {
      holdDown = v;
      return this;
    }

    public Builder damping(FlapDamping v) {
      damping = v;
      return this;
    }

    public Builder rampDuration(Duration v) {
      rampDuration = v;
      return this;
    }

    public Builder maxStepIncrease(double v) {
      maxStepIncrease = v;
      return this;
    }

    public Builder panicThreshold(double v) {
      panicThreshold = v;
      return this;
    }

    public Builder failMode(FailMode v) {
      failMode = v;
      return this;
    }

    public Builder drillHeadroom(double v) {
      drillHeadroom = v;
      return this;
    }

    public Builder expectedLoad(int v) {
      expectedLoad = v;
      return this;
    }

    public Builder allowPrivateTargets(boolean v) {
      allowPrivateTargets = v;
      return this;
    }

    public Builder drainDuration(Duration v) {
      drainDuration = v;
      return this;
    }

    public ServiceConfig build() {
      return new ServiceConfig(
          name,
          policy,
          failoverPriority,
          recordType,
          ttl,
          probe,
          quorum,
          staleness,
          holdDown,
          damping,
          rampDuration,
          maxStepIncrease,
          panicThreshold,
          failMode,
          drillHeadroom,
          expectedLoad,
          allowPrivateTargets,
          drainDuration);
    }
  }
}
