package dev.meridian.core.model;

import static dev.meridian.core.Fixtures.SVC;
import static dev.meridian.core.Fixtures.T0;
import static dev.meridian.core.Fixtures.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.meridian.core.model.DnsRecordSet.Routing;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model rule rejects a bad value with an InvalidValueException that names the field. */
class ModelValidationTest {
  static ServiceConfig.Builder cfg() {
    return ServiceConfig.builder(SVC);
  }

  static Endpoint.Builder ep() {
    return Endpoint.builder(SVC, EndpointId.of("e1"), US, "192.0.2.1");
  }

  static ProbeSettings probe(Duration interval, Duration timeout, int rise, int fall) {
    return new ProbeSettings(interval, timeout, rise, fall);
  }

  static FlapDamping damping(
      double penalty, Duration halfLife, double suppress, double reuse, double max) {
    return new FlapDamping(true, penalty, halfLife, suppress, reuse, max);
  }

  static Drill drill(
      DrillMode mode, java.time.Instant start, java.time.Instant end, String reason) {
    return new Drill(
        new DrillId("d1"),
        SVC,
        US,
        mode,
        start,
        end,
        reason,
        "alice",
        DrillState.PENDING,
        Optional.empty(),
        T0,
        T0);
  }

  static Arguments bad(String name, String field, Supplier<?> make) {
    return arguments(name, field, make);
  }

  static Stream<Arguments> cases() {
    Duration s10 = Duration.ofSeconds(10);
    return Stream.of(
        // names and ids
        bad("service name with one label", "service", () -> ServiceName.of("localhost")),
        bad("service name with an underscore", "service", () -> ServiceName.of("a_b.example.com")),
        bad("service name with a numeric TLD", "service", () -> ServiceName.of("api.example.123")),
        bad(
            "service name over 253 chars",
            "service",
            () -> ServiceName.of("a".repeat(60) + ".b".repeat(100))),
        bad(
            "service name ending in a NUL byte",
            "service",
            () -> ServiceName.of("nul.example.test\u0000")),
        bad(
            "service name with a leading control character",
            "service",
            () -> ServiceName.of("\u0001api.example.test")),
        bad("address ending in a NUL byte", "address", () -> Address.parse("192.0.2.1\u0000")),
        bad("region code", "region", () -> Region.of("useast1")),
        bad("endpoint id in upper case", "endpointId", () -> EndpointId.of("E1")),
        bad("endpoint id with a trailing hyphen", "endpointId", () -> EndpointId.of("e1-")),
        bad("drill id with a space", "drillId", () -> new DrillId("d 1")),
        bad("empty address", "address", () -> Address.parse(" ")),
        bad("address with a bad octet", "address", () -> Address.parse("256.0.0.1")),
        bad("address that is not IPv6", "address", () -> Address.parse("2001:db8::zz")),
        // endpoint
        bad("port 0", "port", () -> ep().port(0).build()),
        bad("port 65536", "port", () -> ep().port(65536).build()),
        bad("weight 256", "weight", () -> ep().weight(256).build()),
        bad("negative weight", "weight", () -> ep().weight(-1).build()),
        bad("capacity 0", "capacity", () -> ep().capacity(0).build()),
        bad(
            "a DRAINING endpoint with a drain in progress",
            "drainStartedAt",
            () -> ep().state(EndpointState.DRAINING).drainStartedAt(T0).build()),
        bad(
            "capacity over the maximum",
            "capacity",
            () -> ep().capacity(Endpoint.MAX_CAPACITY + 1).build()),
        bad("health path without a slash", "healthPath", () -> ep().healthPath("health").build()),
        bad("health path with a space", "healthPath", () -> ep().healthPath("/he alth").build()),
        bad(
            "body substring too long",
            "bodyContains",
            () -> ep().bodyContains("x".repeat(257)).build()),
        bad("host header that is an IP", "hostHeader", () -> ep().hostHeader("192.0.2.1").build()),
        bad("status range inverted", "expectedStatus", () -> new StatusRange(399, 200)),
        bad("status 600", "expectedStatus.max", () -> new StatusRange(200, 600)),
        bad("status range text", "expectedStatus", () -> StatusRange.parse("2xx")),
        // probe settings
        bad(
            "interval under 1 s",
            "probe.interval",
            () -> probe(Duration.ofMillis(500), Duration.ofMillis(100), 2, 3)),
        bad("interval over 5 min", "probe.interval", () -> probe(Duration.ofMinutes(6), s10, 2, 3)),
        bad("zero interval", "probe.interval", () -> probe(Duration.ZERO, s10, 2, 3)),
        bad(
            "timeout longer than interval",
            "probe.timeout",
            () -> probe(s10, Duration.ofSeconds(11), 2, 3)),
        bad("rise 0", "probe.rise", () -> probe(s10, Duration.ofSeconds(2), 0, 3)),
        bad("fall 11", "probe.fall", () -> probe(s10, Duration.ofSeconds(2), 2, 11)),
        // flap damping
        bad(
            "penalty 0",
            "damping.penalty",
            () -> damping(0, Duration.ofMinutes(2), 3000, 1500, 6000)),
        bad(
            "zero half-life",
            "damping.halfLife",
            () -> damping(1000, Duration.ZERO, 3000, 1500, 6000)),
        bad(
            "suppress not above reuse",
            "damping.suppressThreshold",
            () -> damping(1000, Duration.ofMinutes(2), 1500, 1500, 6000)),
        bad(
            "max penalty under suppress",
            "damping.maxPenalty",
            () -> damping(1000, Duration.ofMinutes(2), 3000, 1500, 2000)),
        bad(
            "reuse 0",
            "damping.reuseThreshold",
            () -> damping(1000, Duration.ofMinutes(2), 3000, 0, 6000)),
        // service config
        bad("quorum 0", "quorum", () -> cfg().quorum(0).build()),
        bad("quorum 17", "quorum", () -> cfg().quorum(17).build()),
        bad(
            "staleness not above the probe interval",
            "staleness",
            () -> cfg().staleness(s10).build()),
        bad("zero staleness", "staleness", () -> cfg().staleness(Duration.ZERO).build()),
        bad("TTL over a day", "ttl", () -> cfg().ttl(Duration.ofDays(2)).build()),
        bad("negative TTL", "ttl", () -> cfg().ttl(Duration.ofSeconds(-1)).build()),
        bad("negative hold-down", "holdDown", () -> cfg().holdDown(Duration.ofSeconds(-1)).build()),
        bad(
            "negative ramp",
            "rampDuration",
            () -> cfg().rampDuration(Duration.ofSeconds(-1)).build()),
        bad(
            "negative drain duration",
            "drainDuration",
            () -> cfg().drainDuration(Duration.ofSeconds(-1)).build()),
        bad(
            "drain duration over a day",
            "drainDuration",
            () -> cfg().drainDuration(Duration.ofDays(1).plusSeconds(1)).build()),
        bad("no drain duration", "drainDuration", () -> cfg().drainDuration(null).build()),
        bad("max step 0", "maxStepIncrease", () -> cfg().maxStepIncrease(0).build()),
        bad("max step over 1", "maxStepIncrease", () -> cfg().maxStepIncrease(1.5).build()),
        bad("max step NaN", "maxStepIncrease", () -> cfg().maxStepIncrease(Double.NaN).build()),
        bad("panic threshold over 1", "panicThreshold", () -> cfg().panicThreshold(1.01).build()),
        bad("negative panic threshold", "panicThreshold", () -> cfg().panicThreshold(-0.1).build()),
        bad("drill headroom 95 %", "drillHeadroom", () -> cfg().drillHeadroom(0.95).build()),
        bad("negative expected load", "expectedLoad", () -> cfg().expectedLoad(-1).build()),
        bad(
            "FAILOVER without priorities",
            "failoverPriority",
            () -> cfg().policy(RoutingPolicy.FAILOVER).build()),
        bad(
            "a region listed twice",
            "failoverPriority",
            () -> cfg().failoverPriority(List.of(US, US)).build()),
        bad(
            "TXT as the service record type",
            "recordType",
            () -> cfg().recordType(RecordType.TXT).build()),
        bad(
            "MULTIVALUE with CNAME",
            "recordType",
            () -> cfg().policy(RoutingPolicy.MULTIVALUE).recordType(RecordType.CNAME).build()),
        bad("missing policy", "policy", () -> cfg().policy(null).build()),
        // drills
        bad("SHIFT 0 %", "shiftPercent", () -> DrillMode.shift(0)),
        bad("SHIFT 101 %", "shiftPercent", () -> DrillMode.shift(101)),
        bad(
            "drill expiring before it starts",
            "expiresAt",
            () -> drill(DrillMode.evacuate(), T0, T0, "")),
        bad(
            "drill reason too long",
            "reason",
            () -> drill(DrillMode.evacuate(), T0, T0.plusSeconds(1), "x".repeat(501))),
        // plans and DNS
        bad(
            "region weight 256",
            "weight",
            () -> new RegionRoute(US, 256, true, FailoverRole.NONE, List.of(), 0, "")),
        bad(
            "region share 1.5",
            "share",
            () -> new RegionRoute(US, 1, true, FailoverRole.NONE, List.of(), 1.5, "")),
        bad("record weight 256", "weight", () -> new Routing.Weighted(256)),
        bad(
            "failover role STANDBY in DNS",
            "failover",
            () -> new Routing.Failover(FailoverRole.STANDBY)),
        bad(
            "weighted record without a set identifier",
            "setIdentifier",
            () ->
                new DnsRecordSet(
                    "a.example.com",
                    RecordType.A,
                    30,
                    Optional.empty(),
                    new Routing.Weighted(1),
                    List.of(),
                    Optional.empty())),
        bad(
            "negative record TTL",
            "ttl",
            () ->
                new DnsRecordSet(
                    "a.example.com",
                    RecordType.A,
                    -1,
                    Optional.empty(),
                    new Routing.Simple(),
                    List.of(),
                    Optional.empty())),
        bad(
            "plan with a negative TTL",
            "ttl",
            () ->
                new RoutingPlan(
                    SVC,
                    RoutingPolicy.WEIGHTED,
                    RecordType.A,
                    Duration.ofSeconds(-1),
                    PlanMode.NORMAL,
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    T0)),
        // health
        bad(
            "negative latency",
            "latency",
            () ->
                new ProbeResult(
                    SVC,
                    EndpointId.of("e1"),
                    US,
                    T0,
                    Optional.empty(),
                    Duration.ofMillis(-1),
                    OptionalInt.empty())),
        bad(
            "negative success count",
            "consecutiveOk",
            () ->
                new VantageHealth(
                    SVC,
                    EndpointId.of("e1"),
                    US,
                    HealthState.UP,
                    -1,
                    0,
                    T0,
                    null,
                    null,
                    0,
                    T0,
                    false,
                    0,
                    null)),
        bad(
            "negative penalty",
            "penalty",
            () ->
                new VantageHealth(
                    SVC,
                    EndpointId.of("e1"),
                    US,
                    HealthState.UP,
                    0,
                    0,
                    T0,
                    null,
                    null,
                    -1,
                    T0,
                    false,
                    0,
                    null)),
        bad("negative version", "version", () -> new Versioned<>("x", -1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectsTheBadValueNamingTheField(String name, String field, Supplier<?> make) {
    Throwable t = catchThrowable(make::get);
    assertThat(t).as(name).isInstanceOf(InvalidValueException.class);
    InvalidValueException e = (InvalidValueException) t;
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).startsWith(field + " ");
  }
}
