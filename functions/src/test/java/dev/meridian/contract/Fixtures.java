package dev.meridian.contract;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.StatusRange;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.PublishedPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Sample values for the contract suites; names are unique so suites can share tables. */
public final class Fixtures {
  private Fixtures() {}

  public static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456789Z");
  public static final Region US_EAST_1 = Region.of("us-east-1");
  public static final Region EU_WEST_1 = Region.of("eu-west-1");
  public static final Region AP_SOUTHEAST_2 = Region.of("ap-southeast-2");

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN =
      Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

  /** A service name no other test uses, e.g. {@code s3k2-17.example.com}. */
  public static ServiceName uniqueService() {
    return ServiceName.of("s" + RUN + "-" + COUNTER.incrementAndGet() + ".example.com");
  }

  /** A lease key no other test uses. */
  public static String uniqueKey(String base) {
    return base + "-" + RUN + "-" + COUNTER.incrementAndGet();
  }

  /** A configuration with no default left untouched, to prove every field round-trips. */
  public static ServiceConfig config(ServiceName name) {
    return ServiceConfig.builder(name)
        .policy(RoutingPolicy.FAILOVER)
        .failoverPriority(List.of(EU_WEST_1, US_EAST_1))
        .recordType(RecordType.AAAA)
        .ttl(Duration.ofSeconds(45))
        .probe(new ProbeSettings(Duration.ofSeconds(7), Duration.ofMillis(1500), 3, 4))
        .quorum(3)
        .staleness(Duration.ofSeconds(200))
        .holdDown(Duration.ofSeconds(40))
        .damping(new FlapDamping(true, 900, Duration.ofSeconds(90), 2800.5, 1400, 5000))
        .rampDuration(Duration.ofMinutes(3))
        .maxStepIncrease(0.3)
        .panicThreshold(0.2)
        .failMode(FailMode.STATIC)
        .drillHeadroom(0.15)
        .expectedLoad(120)
        .allowPrivateTargets(true)
        .drainDuration(Duration.ofSeconds(150))
        .build();
  }

  public static ServiceConfig simpleConfig(ServiceName name) {
    return ServiceConfig.builder(name).build();
  }

  public static Endpoint endpoint(ServiceName service, String id, Region region, String address) {
    return Endpoint.builder(service, EndpointId.of(id), region, address).build();
  }

  /** An endpoint using every optional field. */
  public static Endpoint richEndpoint(ServiceName service, String id) {
    return Endpoint.builder(service, EndpointId.of(id), EU_WEST_1, "2001:db8::1")
        .port(8443)
        .protocol(Protocol.HTTPS)
        .healthPath("/ready?deep=1")
        .expectedStatus(new StatusRange(200, 204))
        .bodyContains("\"status\":\"ok\"")
        .hostHeader("api.internal.example.com")
        .tlsVerify(false)
        .weight(17)
        .capacity(900)
        .state(EndpointState.DRAINING)
        .build();
  }

  public static VantageHealth health(
      ServiceName service, String endpoint, Region vantage, HealthState state, Instant at) {
    return new VantageHealth(
        service,
        EndpointId.of(endpoint),
        vantage,
        state,
        state == HealthState.UP ? 3 : 0,
        state == HealthState.DOWN ? 4 : 0,
        at,
        Optional.of(at.minusSeconds(30)),
        state == HealthState.UP ? Optional.of(at.minusSeconds(30)) : Optional.empty(),
        250.5,
        at.minusSeconds(5),
        false,
        42.25,
        state == HealthState.DOWN ? Optional.of("status 503") : Optional.empty());
  }

  public static RoutingPlan plan(ServiceName service, int usWeight, Instant at) {
    return new RoutingPlan(
        service,
        RoutingPolicy.WEIGHTED,
        RecordType.A,
        Duration.ofSeconds(30),
        PlanMode.NORMAL,
        List.of(
            new RegionRoute(
                EU_WEST_1,
                255 - usWeight,
                true,
                FailoverRole.NONE,
                List.of("192.0.2.10", "192.0.2.11"),
                (255 - usWeight) / 255.0,
                "2/2 endpoints healthy"),
            new RegionRoute(
                US_EAST_1,
                usWeight,
                usWeight > 0,
                FailoverRole.NONE,
                List.of("198.51.100.7"),
                usWeight / 255.0,
                "")),
        List.of("quorum 2 of 3 vantages", "eu-west-1 ramping: 40% of 2m"),
        usWeight == 0 ? Optional.of("eu-west-1 at 95% of capacity") : Optional.empty(),
        at);
  }

  public static PublishedPlan published(ServiceName service, int usWeight, long token) {
    return new PublishedPlan(
        plan(service, usWeight, T0), Optional.of("C0123456789ABC"), T0.plusSeconds(1), token);
  }

  public static Drill drill(ServiceName service, String id, Instant createdAt, DrillState state) {
    return new Drill(
        new DrillId(id),
        service,
        EU_WEST_1,
        DrillMode.shift(40),
        createdAt.plusSeconds(60),
        createdAt.plusSeconds(1800),
        "quarterly evacuation drill",
        "alice@example.com",
        state,
        state.isTerminal() ? Optional.of("completed at expiry") : Optional.empty(),
        createdAt,
        createdAt.plusSeconds(5));
  }

  public static AuditEvent event(ServiceName service, String id, Instant at) {
    return new AuditEvent(
        service,
        id,
        at,
        AuditEvent.Kind.HEALTH_TRANSITION,
        "probe:us-east-1",
        "endpoint a: UP -> DOWN",
        Map.of("from", "UP", "to", "DOWN", "votes", "2/3"));
  }
}
