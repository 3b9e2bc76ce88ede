package dev.meridian.core.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One regional endpoint of a service: where it is, how to check it, and how much traffic it may
 * take. {@code weight} (0–255) is the operator's base weight; {@code capacity} is in abstract
 * capacity units and drives capacity-aware redistribution.
 *
 * @param bodyContains optional substring the health response body must contain (HTTP/HTTPS only)
 * @param hostHeader optional Host header / TLS SNI name to send instead of the address
 * @param tlsVerify whether HTTPS probes verify the certificate (on by default)
 * @param drainStartedAt when a drain of this ACTIVE endpoint started (absent when it is not
 *     draining). While it drains the planner ramps its weight and capacity linearly to 0 over the
 *     service's {@link ServiceConfig#drainDuration()}; once at 0 the scheduler sets the state to
 *     {@link EndpointState#DRAINING} (see {@code dev.meridian.core.plan.DrainRamp}). Only an ACTIVE
 *     endpoint can be draining.
 */
public record Endpoint(
    ServiceName service,
    EndpointId id,
    Region region,
    Address address,
    int port,
    Protocol protocol,
    String healthPath,
    StatusRange expectedStatus,
    Optional<String> bodyContains,
    Optional<String> hostHeader,
    boolean tlsVerify,
    int weight,
    int capacity,
    EndpointState state,
    Optional<Instant> drainStartedAt) {

  public static final String DEFAULT_HEALTH_PATH = "/health";
  public static final int DEFAULT_WEIGHT = 100;
  public static final int DEFAULT_CAPACITY = 100;
  public static final int MAX_WEIGHT = 255;
  public static final int MAX_CAPACITY = 1_000_000;
  public static final int MAX_BODY_SUBSTRING = 256;

  public Endpoint {
    Validation.notNull(service, "service");
    Validation.notNull(id, "endpointId");
    Validation.notNull(region, "region");
    Validation.notNull(address, "address");
    Validation.inRange(port, 1, 65535, "port");
    Validation.notNull(protocol, "protocol");
    if (healthPath == null || healthPath.isEmpty()) {
      healthPath = DEFAULT_HEALTH_PATH;
    }
    Validation.require(
        healthPath.startsWith("/") && healthPath.length() <= 1024 && isPrintableAscii(healthPath),
        "healthPath",
        healthPath,
        "must start with '/' and be printable ASCII of at most 1024 chars");
    expectedStatus = expectedStatus == null ? StatusRange.DEFAULT : expectedStatus;
    bodyContains = bodyContains == null ? Optional.empty() : bodyContains.filter(s -> !s.isEmpty());
    bodyContains.ifPresent(
        b ->
            Validation.require(
                b.length() <= MAX_BODY_SUBSTRING,
                "bodyContains",
                b,
                "must be at most " + MAX_BODY_SUBSTRING + " chars"));
    hostHeader =
        hostHeader == null
            ? Optional.empty()
            : hostHeader.filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT));
    hostHeader.ifPresent(
        h ->
            Validation.require(
                Address.parse(h).kind() == Address.Kind.HOSTNAME,
                "hostHeader",
                h,
                "must be a DNS host name"));
    Validation.inRange(weight, 0, MAX_WEIGHT, "weight");
    Validation.inRange(capacity, 1, MAX_CAPACITY, "capacity");
    Validation.notNull(state, "state");
    drainStartedAt = drainStartedAt == null ? Optional.empty() : drainStartedAt;
    Validation.require(
        drainStartedAt.isEmpty() || state == EndpointState.ACTIVE,
        "drainStartedAt",
        drainStartedAt.orElse(null),
        "only an ACTIVE endpoint can be draining (state is " + state + ")");
  }

  /** The endpoint as registered before drains existed: not draining. */
  public Endpoint(
      ServiceName service,
      EndpointId id,
      Region region,
      Address address,
      int port,
      Protocol protocol,
      String healthPath,
      StatusRange expectedStatus,
      Optional<String> bodyContains,
      Optional<String> hostHeader,
      boolean tlsVerify,
      int weight,
      int capacity,
      EndpointState state) {
    this(
        service,
        id,
        region,
        address,
        port,
        protocol,
        healthPath,
        expectedStatus,
        bodyContains,
        hostHeader,
        tlsVerify,
        weight,
        capacity,
        state,
        Optional.empty());
  }

  /** Whether a drain is in progress (the weight ramps to 0; the state is still ACTIVE). */
  public boolean draining() {
    return drainStartedAt.isPresent();
  }

  private static boolean isPrintableAscii(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** A builder with the documented defaults, handy for tests and the API layer. */
  public static Builder builder(ServiceName service, EndpointId id, Region region, String address) {
    return new Builder(service, id, region, Address.parse(address));
  }

  /**
   * The endpoint in {@code newState}. A drain in progress survives only a change to ACTIVE (which
   * is a no-op for an ACTIVE endpoint); any other state ends it.
   */
  public Endpoint withState(EndpointState newState) {
    return toBuilder()
        .state(newState)
        .drainStartedAt(newState == EndpointState.ACTIVE ? drainStartedAt.orElse(null) : null)
        .build();
  }

  /** The endpoint with a drain started at {@code startedAt} (empty: no drain / drain cancelled). */
  public Endpoint withDrainStartedAt(Optional<Instant> startedAt) {
    return toBuilder().drainStartedAt(startedAt.orElse(null)).build();
  }

  public Endpoint withWeight(int newWeight) {
    return toBuilder().weight(newWeight).build();
  }

  /** A builder holding every field of this endpoint. */
  public Builder toBuilder() {
    Builder b = new Builder(service, id, region, address);
    b.port = port;
    b.protocol = protocol;
    b.healthPath = healthPath;
    b.expectedStatus = expectedStatus;
    b.bodyContains = bodyContains;
    b.hostHeader = hostHeader;
    b.tlsVerify = tlsVerify;
    b.weight = weight;
    b.capacity = capacity;
    b.state = state;
    b.drainStartedAt = drainStartedAt;
    return b;
  }

  /** Builder for {@link Endpoint} with defaults (HTTP on port 80, /health, 200–399, ACTIVE). */
  public static final class Builder {
    private final ServiceName service;
    private final EndpointId id;
    private final Region region;
    private final Address address;
    private int port = 80;
    private Protocol protocol = Protocol.HTTP;
    private String healthPath = DEFAULT_HEALTH_PATH;
    private StatusRange expectedStatus = StatusRange.DEFAULT;
    private Optional<String> bodyContains = Optional.empty();
    private Optional<String> hostHeader = Optional.empty();
    private boolean tlsVerify = true;
    private int weight = DEFAULT_WEIGHT;
    private int capacity = DEFAULT_CAPACITY;
    private EndpointState state = EndpointState.ACTIVE;
    private Optional<Instant> drainStartedAt = Optional.empty();

    private Builder(ServiceName service, EndpointId id, Region region, Address address) {
      this.service = service;
      this.id = id;
      this.region = region;
      this.address = address;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder protocol(Protocol v) {
      protocol = v;
      return this;
    }

    public Builder healthPath(String v) {
      healthPath = v;
      return this;
    }

    public Builder expectedStatus(StatusRange v) {
      expectedStatus = v;
      return this;
    }

    public Builder bodyContains(String v) {
      bodyContains = Optional.ofNullable(v);
      return this;
    }

    public Builder hostHeader(String v) {
      hostHeader = Optional.ofNullable(v);
      return this;
    }

    public Builder tlsVerify(boolean v) {
      tlsVerify = v;
      return this;
    }

    public Builder weight(int v) {
      weight = v;
      return this;
    }

    public Builder capacity(int v) {
      capacity = v;
      return this;
    }

    public Builder state(EndpointState v) {
      state = v;
      return this;
    }

    public Builder drainStartedAt(Instant v) {
      drainStartedAt = Optional.ofNullable(v);
      return this;
    }

    public Endpoint build() {
      return new Endpoint(
          service,
          id,
          region,
          address,
          port,
          protocol,
          healthPath,
          expectedStatus,
          bodyContains,
          hostHeader,
          tlsVerify,
          weight,
          capacity,
          state,
          drainStartedAt);
    }
  }
}
