package dev.meridian.api;

import dev.meridian.api.dto.DampingDto;
import dev.meridian.api.dto.DrainResponse;
import dev.meridian.api.dto.DrillRequest;
import dev.meridian.api.dto.DrillResponse;
import dev.meridian.api.dto.DrillResult;
import dev.meridian.api.dto.EndpointPatch;
import dev.meridian.api.dto.EndpointRequest;
import dev.meridian.api.dto.EndpointResponse;
import dev.meridian.api.dto.EndpointStatusResponse;
import dev.meridian.api.dto.EventResponse;
import dev.meridian.api.dto.PlanChangeResponse;
import dev.meridian.api.dto.PlanPreviewResponse;
import dev.meridian.api.dto.PlanResponse;
import dev.meridian.api.dto.ProbeSettingsDto;
import dev.meridian.api.dto.PublishedPlanSummary;
import dev.meridian.api.dto.RecordSetResponse;
import dev.meridian.api.dto.RegionRouteResponse;
import dev.meridian.api.dto.RegionStatusResponse;
import dev.meridian.api.dto.ServiceConfigRequest;
import dev.meridian.api.dto.ServiceConfigResponse;
import dev.meridian.api.dto.StatusResponse;
import dev.meridian.api.dto.VantageVoteResponse;
import dev.meridian.app.drill.DrillService;
import dev.meridian.app.planning.PlanPreview;
import dev.meridian.app.registry.EndpointIds;
import dev.meridian.app.registry.RegistryService;
import dev.meridian.app.status.EndpointStatus;
import dev.meridian.app.status.RegionStatus;
import dev.meridian.app.status.ServiceStatus;
import dev.meridian.core.model.Address;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.StatusRange;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.plan.DrainRamp;
import dev.meridian.core.port.PublishedPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Converts between the API's DTOs and the model. Requests go through the model's constructors, so
 * the model's rules validate them; errors are re-labelled with the request's field names (e.g. the
 * model's {@code ttl} is the request's {@code ttlSeconds}).
 */
public final class ApiMapper {
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,128}");

  /** Model field → request field, for service configurations. */
  private static final Map<String, String> SERVICE_FIELDS =
      Map.ofEntries(
          Map.entry("ttl", "ttlSeconds"),
          Map.entry("staleness", "stalenessSeconds"),
          Map.entry("holdDown", "holdDownSeconds"),
          Map.entry("rampDuration", "rampSeconds"),
          Map.entry("drainDuration", "drainSeconds"),
          Map.entry("probe.interval", "probe.intervalSeconds"),
          Map.entry("probe.timeout", "probe.timeoutMillis"),
          Map.entry("damping.halfLife", "damping.halfLifeSeconds"));

  /** Model field → request field, for endpoints. */
  private static final Map<String, String> ENDPOINT_FIELDS =
      Map.of(
          "endpointId", "id",
          "expectedStatus.min", "expectedStatus",
          "expectedStatus.max", "expectedStatus");

  private ApiMapper() {}

  // ------------------------------------------------------------------ services

  public static ServiceConfig toConfig(ServiceName name, ServiceConfigRequest r) {
    ServiceConfig.Builder b = ServiceConfig.builder(name);
    if (r.policy() != null) {
      b.policy(r.policy());
    }
    if (r.failoverPriority() != null) {
      List<Region> regions = new ArrayList<>();
      for (int i = 0; i < r.failoverPriority().size(); i++) {
        String code = r.failoverPriority().get(i);
        regions.add(at("failoverPriority[" + i + "]", () -> Region.of(code)));
      }
      b.failoverPriority(regions);
    }
    if (r.recordType() != null) {
      b.recordType(r.recordType());
    }
    if (r.ttlSeconds() != null) {
      b.ttl(Duration.ofSeconds(r.ttlSeconds()));
    }
    if (r.probe() != null) {
      ProbeSettingsDto p = r.probe();
      ProbeSettings d = ProbeSettings.DEFAULT;
      b.probe(
          relabel(
              SERVICE_FIELDS,
              () ->
                  new ProbeSettings(
                      p.intervalSeconds() == null
                          ? d.interval()
                          : Duration.ofSeconds(p.intervalSeconds()),
                      p.timeoutMillis() == null
                          ? d.timeout()
                          : Duration.ofMillis(p.timeoutMillis()),
                      p.rise() == null ? d.rise() : p.rise(),
                      p.fall() == null ? d.fall() : p.fall())));
    }
    if (r.quorum() != null) {
      b.quorum(r.quorum());
    }
    if (r.stalenessSeconds() != null) {
      b.staleness(Duration.ofSeconds(r.stalenessSeconds()));
    }
    if (r.holdDownSeconds() != null) {
      b.holdDown(Duration.ofSeconds(r.holdDownSeconds()));
    }
    if (r.damping() != null) {
      DampingDto p = r.damping();
      FlapDamping d = FlapDamping.DEFAULT;
      b.damping(
          relabel(
              SERVICE_FIELDS,
              () ->
                  new FlapDamping(
                      p.enabled() == null ? d.enabled() : p.enabled(),
                      p.penalty() == null ? d.penalty() : p.penalty(),
                      p.halfLifeSeconds() == null
                          ? d.halfLife()
                          : Duration.ofSeconds(p.halfLifeSeconds()),
                      p.suppressThreshold() == null ? d.suppressThreshold() : p.suppressThreshold(),
                      p.reuseThreshold() == null ? d.reuseThreshold() : p.reuseThreshold(),
                      p.maxPenalty() == null ? d.maxPenalty() : p.maxPenalty())));
    }
    if (r.rampSeconds() != null) {
      b.rampDuration(Duration.ofSeconds(r.rampSeconds()));
    }
    if (r.maxStepIncrease() != null) {
      b.maxStepIncrease(r.maxStepIncrease());
    }
    if (r.panicThreshold() != null) {
      b.panicThreshold(r.panicThreshold());
    }
    if (r.failMode() != null) {
      b.failMode(r.failMode());
    }
    if (r.drillHeadroom() != null) {
      b.drillHeadroom(r.drillHeadroom());
    }
    if (r.expectedLoad() != null) {
      b.expectedLoad(r.expectedLoad());
    }
    if (r.allowPrivateTargets() != null) {
      b.allowPrivateTargets(r.allowPrivateTargets());
    }
    if (r.drainSeconds() != null) {
      b.drainDuration(Duration.ofSeconds(r.drainSeconds()));
    }
    return relabel(SERVICE_FIELDS, b::build);
  }

  public static ServiceConfigResponse toServiceResponse(Versioned<ServiceConfig> v) {
    ServiceConfig c = v.value();
    ProbeSettings p = c.probe();
    FlapDamping d = c.damping();
    return new ServiceConfigResponse(
        c.name().value(),
        v.version(),
        c.policy(),
        c.failoverPriority().stream().map(Region::code).toList(),
        c.recordType(),
        c.ttl().toSeconds(),
        new ProbeSettingsDto(
            (int) p.interval().toSeconds(), (int) p.timeout().toMillis(), p.rise(), p.fall()),
        c.quorum(),
        c.staleness().toSeconds(),
        c.holdDown().toSeconds(),
        new DampingDto(
            d.enabled(),
            d.penalty(),
            (int) d.halfLife().toSeconds(),
            d.suppressThreshold(),
            d.reuseThreshold(),
            d.maxPenalty()),
        c.rampDuration().toSeconds(),
        c.maxStepIncrease(),
        c.panicThreshold(),
        c.failMode(),
        c.drillHeadroom(),
        c.expectedLoad(),
        c.allowPrivateTargets(),
        c.drainDuration().toSeconds());
  }

  // ------------------------------------------------------------------ endpoints

  /** Builds the endpoint a registration asks for (defaults filled in, id derived if absent). */
  public static Endpoint toEndpoint(ServiceName service, EndpointRequest r) {
    Region region = at("region", () -> Region.of(required(r.region(), "region")));
    Address address = at("address", () -> Address.parse(required(r.address(), "address")));
    Protocol protocol = r.protocol() == null ? Protocol.HTTP : r.protocol();
    int port =
        r.port() != null
            ? r.port()
            : switch (protocol) {
              case HTTP -> 80;
              case HTTPS -> 443;
              case TCP -> throw new InvalidValueException("port", null, "is required for TCP");
            };
    Optional<String> hostHeader = hostHeader(r.hostHeader());
    StatusRange expected = expectedStatus(r.expectedStatus()).orElse(StatusRange.DEFAULT);
    EndpointId id;
    if (r.id() != null) {
      id = at("id", () -> EndpointId.of(r.id()));
    } else if (r.clientToken() != null) {
      if (!CLIENT_TOKEN.matcher(r.clientToken()).matches()) {
        throw new InvalidValueException(
            "clientToken", r.clientToken(), "must be 1-128 printable ASCII characters");
      }
      id = EndpointIds.fromClientToken(region, r.clientToken());
    } else {
      id = EndpointIds.fromNaturalKey(region, address, port);
    }
    return relabel(
        ENDPOINT_FIELDS,
        () ->
            new Endpoint(
                service,
                id,
                region,
                address,
                port,
                protocol,
                r.healthPath(),
                expected,
                Optional.ofNullable(r.bodyContains()),
                hostHeader,
                r.tlsVerify() == null || r.tlsVerify(),
                r.weight() == null ? Endpoint.DEFAULT_WEIGHT : r.weight(),
                r.capacity() == null ? Endpoint.DEFAULT_CAPACITY : r.capacity(),
                r.state() == null ? EndpointState.ACTIVE : r.state()));
  }

  /**
   * The change a PATCH asks for; checks what can be checked without the stored endpoint now, so
   * that a bad patch is refused before anything is read. Any {@code state} ends a drain in
   * progress: ACTIVE cancels it, DRAINING skips the rest of the ramp.
   */
  public static UnaryOperator<Endpoint> patch(EndpointPatch p) {
    Optional<String> hostHeader = p.hostHeader() == null ? null : hostHeader(p.hostHeader());
    Optional<StatusRange> expected = expectedStatus(p.expectedStatus());
    return e ->
        relabel(
            ENDPOINT_FIELDS,
            () ->
                new Endpoint(
                    e.service(),
                    e.id(),
                    e.region(),
                    e.address(),
                    e.port(),
                    e.protocol(),
                    p.healthPath() != null ? p.healthPath() : e.healthPath(),
                    expected.orElse(e.expectedStatus()),
                    p.bodyContains() != null ? Optional.of(p.bodyContains()) : e.bodyContains(),
                    hostHeader != null ? hostHeader : e.hostHeader(),
                    p.tlsVerify() != null ? p.tlsVerify() : e.tlsVerify(),
                    p.weight() != null ? p.weight() : e.weight(),
                    p.capacity() != null ? p.capacity() : e.capacity(),
                    p.state() != null ? p.state() : e.state(),
                    p.state() != null ? Optional.empty() : e.drainStartedAt()));
  }

  private static Optional<String> hostHeader(String h) {
    if (h == null || h.isEmpty()) {
      return Optional.empty();
    }
    Address a = at("hostHeader", () -> Address.parse(h));
    if (a.kind() != Address.Kind.HOSTNAME) {
      throw new InvalidValueException("hostHeader", h, "must be a DNS host name");
    }
    return Optional.of(h);
  }

  private static Optional<StatusRange> expectedStatus(String s) {
    if (s == null) {
      return Optional.empty();
    }
    return Optional.of(at("expectedStatus", () -> StatusRange.parse(s)));
  }

  public static EndpointResponse toEndpointResponse(Versioned<Endpoint> v) {
    return toEndpointResponse(new RegistryService.EndpointView(v, Optional.empty()));
  }

  public static EndpointResponse toEndpointResponse(RegistryService.EndpointView view) {
    Versioned<Endpoint> v = view.stored();
    Endpoint e = v.value();
    return new EndpointResponse(
        e.service().value(),
        e.id().value(),
        e.region().code(),
        e.address().value(),
        e.port(),
        e.protocol(),
        e.healthPath(),
        e.expectedStatus().toString(),
        e.bodyContains().orElse(null),
        e.hostHeader().orElse(null),
        e.tlsVerify(),
        e.weight(),
        e.capacity(),
        e.state(),
        v.version(),
        view.drain().map(ApiMapper::toResponse).orElse(null));
  }

  public static DrainResponse toResponse(DrainRamp.Progress d) {
    return new DrainResponse(
        iso(d.startedAt()),
        iso(d.endsAt()),
        d.remaining(),
        d.effectiveWeight(),
        d.effectiveCapacity(),
        d.complete());
  }

  // ------------------------------------------------------------------ plans and events

  public static PlanResponse toResponse(RoutingPlan p) {
    return new PlanResponse(
        p.service().value(),
        p.policy(),
        p.recordType(),
        p.ttl().toSeconds(),
        p.mode(),
        p.regions().stream().map(ApiMapper::toResponse).toList(),
        p.explanation(),
        p.capacityWarning().orElse(null),
        iso(p.computedAt()));
  }

  public static RegionRouteResponse toResponse(RegionRoute r) {
    return new RegionRouteResponse(
        r.region().code(),
        r.weight(),
        r.share(),
        r.included(),
        r.role(),
        r.values(),
        r.explanation());
  }

  public static RecordSetResponse toResponse(DnsRecordSet s) {
    DnsRecordSet.Routing routing = s.routing();
    return new RecordSetResponse(
        s.name(),
        s.type(),
        s.ttlSeconds(),
        s.setIdentifier().orElse(null),
        switch (routing) {
          case DnsRecordSet.Routing.Simple x -> "SIMPLE";
          case DnsRecordSet.Routing.Weighted x -> "WEIGHTED";
          case DnsRecordSet.Routing.Failover x -> "FAILOVER";
          case DnsRecordSet.Routing.Latency x -> "LATENCY";
          case DnsRecordSet.Routing.MultiValue x -> "MULTIVALUE";
        },
        routing instanceof DnsRecordSet.Routing.Weighted w ? w.weight() : null,
        routing instanceof DnsRecordSet.Routing.Failover f ? f.role() : null,
        routing instanceof DnsRecordSet.Routing.Latency l ? l.region().code() : null,
        s.values(),
        s.healthCheckId().orElse(null));
  }

  public static PlanChangeResponse toResponse(PlanChange c) {
    return new PlanChangeResponse(c.action(), toResponse(c.record()));
  }

  public static EventResponse toResponse(AuditEvent e) {
    return new EventResponse(e.id(), iso(e.at()), e.kind(), e.actor(), e.summary(), e.details());
  }

  public static String iso(Instant i) {
    return i == null ? null : i.toString();
  }

  public static PlanPreviewResponse toResponse(PlanPreview p, Instant now) {
    return new PlanPreviewResponse(
        toResponse(p.plan()),
        p.desired().stream().map(ApiMapper::toResponse).toList(),
        p.changes().stream().map(ApiMapper::toResponse).toList(),
        p.lastPublished().map(pp -> summary(pp, now)).orElse(null));
  }

  public static PublishedPlanSummary summary(PublishedPlan p, Instant now) {
    long age = Math.max(0, Duration.between(p.publishedAt(), now).toSeconds());
    return new PublishedPlanSummary(
        p.changeId().orElse(null), iso(p.publishedAt()), age, p.plan().mode().name());
  }

  // ------------------------------------------------------------------ status

  public static StatusResponse toResponse(ServiceStatus s) {
    return new StatusResponse(
        s.service().value(),
        s.policy(),
        s.mode(),
        s.regions().stream().map(ApiMapper::toResponse).toList(),
        s.lastPublished().map(p -> summary(p, s.at())).orElse(null),
        s.activeDrills().stream().map(d -> toResponse(d, 0)).toList(),
        iso(s.at()));
  }

  public static RegionStatusResponse toResponse(RegionStatus r) {
    return new RegionStatusResponse(
        r.region().code(),
        r.healthyFraction(),
        r.weight(),
        r.share(),
        r.verdict(),
        r.endpoints().stream().map(ApiMapper::toResponse).toList());
  }

  public static EndpointStatusResponse toResponse(EndpointStatus e) {
    return new EndpointStatusResponse(
        e.id().value(),
        e.address(),
        e.port(),
        e.state(),
        e.verdict(),
        e.latencyMillis(),
        e.votes().stream()
            .map(
                v ->
                    new VantageVoteResponse(
                        v.vantage().code(),
                        v.state(),
                        v.stale(),
                        v.suppressed(),
                        iso(v.lastProbeAt()),
                        v.lastFailure().orElse(null)))
            .toList(),
        e.drain().map(ApiMapper::toResponse).orElse(null));
  }

  // ------------------------------------------------------------------ drills

  /** The drill a request asks for; value errors name the request's fields. */
  public static DrillService.Request toDrillRequest(ServiceName service, DrillRequest r) {
    Region region = at("region", () -> Region.of(required(r.region(), "region")));
    if (r.mode() == null) {
      throw new InvalidValueException("mode", null, "is required (EVACUATE or SHIFT)");
    }
    DrillMode mode;
    if (r.mode() == DrillMode.Kind.EVACUATE) {
      if (r.shiftPercent() != null) {
        throw new InvalidValueException(
            "shiftPercent", r.shiftPercent(), "is only valid with mode SHIFT");
      }
      mode = DrillMode.evacuate();
    } else {
      if (r.shiftPercent() == null) {
        throw new InvalidValueException("shiftPercent", null, "is required with mode SHIFT");
      }
      mode = at("shiftPercent", () -> DrillMode.shift(r.shiftPercent()));
    }
    Optional<Instant> startAt = Optional.empty();
    if (r.startAt() != null) {
      try {
        startAt = Optional.of(Instant.parse(r.startAt()));
      } catch (DateTimeParseException e) {
        throw new InvalidValueException(
            "startAt", r.startAt(), "must be an ISO-8601 instant such as 2026-12-01T10:00:00Z");
      }
    }
    Duration duration =
        r.durationSeconds() == null ? null : Duration.ofSeconds(r.durationSeconds());
    if (r.reason() != null && r.reason().length() > Drill.MAX_REASON) {
      throw new InvalidValueException(
          "reason", r.reason(), "must be at most " + Drill.MAX_REASON + " chars");
    }
    return new DrillService.Request(
        service, region, mode, startAt, duration, r.reason(), r.dryRun() != null && r.dryRun());
  }

  public static DrillResponse toResponse(Versioned<Drill> v) {
    return toResponse(v.value(), v.version());
  }

  public static DrillResponse toResponse(Drill d, long version) {
    return new DrillResponse(
        d.id().value(),
        d.service().value(),
        d.region().code(),
        d.mode().kind(),
        d.mode().percent(),
        iso(d.startAt()),
        iso(d.expiresAt()),
        d.reason(),
        d.requester(),
        d.state(),
        d.stateReason().orElse(null),
        iso(d.createdAt()),
        iso(d.updatedAt()),
        version);
  }

  public static DrillResult toResponse(DrillService.Created c) {
    return new DrillResult(
        toResponse(c.drill()),
        toResponse(c.preview().plan()),
        c.preview().changes().stream().map(ApiMapper::toResponse).toList(),
        c.dryRun());
  }

  // ------------------------------------------------------------------ helpers

  private static String required(String v, String field) {
    if (v == null) {
      throw new InvalidValueException(field, null, "is required");
    }
    return v;
  }

  /** Runs {@code s}, blaming {@code field} for any model error. */
  public static <T> T at(String field, Supplier<T> s) {
    try {
      return s.get();
    } catch (InvalidValueException e) {
      if (e.field().equals(field)) {
        throw e;
      }
      throw new InvalidValueException(field, e.value(), rule(e));
    }
  }

  private static <T> T relabel(Map<String, String> names, Supplier<T> s) {
    try {
      return s.get();
    } catch (InvalidValueException e) {
      String to = names.get(e.field());
      if (to == null) {
        throw e;
      }
      throw new InvalidValueException(to, e.value(), rule(e));
    }
  }

  /** The rule part of a model message ("{field} {rule} (got …)"). */
  private static String rule(InvalidValueException e) {
    String m = e.getMessage();
    String r = m.startsWith(e.field() + " ") ? m.substring(e.field().length() + 1) : m;
    int got = r.lastIndexOf(" (got ");
    return got > 0 ? r.substring(0, got) : r;
  }
}
