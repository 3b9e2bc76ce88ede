package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.Address;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.StatusRange;
import dev.meridian.core.model.Versioned;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of the endpoints table: one service configuration and N endpoints per service. */
final class EndpointItems {
  private EndpointItems() {}

  static Map<String, AttributeValue> toItem(ServiceConfig c, long version) {
    ProbeSettings p = c.probe();
    FlapDamping d = c.damping();
    return Attr.item()
        .key(Keys.service(c.name()), Keys.CONFIG)
        .n(Attr.VERSION, version)
        .s("name", c.name().value())
        .s("policy", c.policy().name())
        .strings("failoverPriority", c.failoverPriority().stream().map(Region::code).toList())
        .s("recordType", c.recordType().name())
        .duration("ttl", c.ttl())
        .map(
            "probe",
            Attr.item()
                .duration("interval", p.interval())
                .duration("timeout", p.timeout())
                .n("rise", p.rise())
                .n("fall", p.fall())
                .build())
        .n("quorum", c.quorum())
        .duration("staleness", c.staleness())
        .duration("holdDown", c.holdDown())
        .map(
            "damping",
            Attr.item()
                .bool("enabled", d.enabled())
                .d("penalty", d.penalty())
                .duration("halfLife", d.halfLife())
                .d("suppressThreshold", d.suppressThreshold())
                .d("reuseThreshold", d.reuseThreshold())
                .d("maxPenalty", d.maxPenalty())
                .build())
        .duration("rampDuration", c.rampDuration())
        .d("maxStepIncrease", c.maxStepIncrease())
        .d("panicThreshold", c.panicThreshold())
        .s("failMode", c.failMode().name())
        .d("drillHeadroom", c.drillHeadroom())
        .n("expectedLoad", c.expectedLoad())
        .bool("allowPrivateTargets", c.allowPrivateTargets())
        .duration("drainDuration", c.drainDuration())
        .build();
  }

  static Versioned<ServiceConfig> serviceFrom(Map<String, AttributeValue> m) {
    Map<String, AttributeValue> p = Attr.map(m, "probe");
    Map<String, AttributeValue> d = Attr.map(m, "damping");
    ServiceConfig c =
        new ServiceConfig(
            ServiceName.of(Attr.s(m, "name")),
            RoutingPolicy.valueOf(Attr.s(m, "policy")),
            Attr.strings(m, "failoverPriority").stream().map(Region::of).toList(),
            RecordType.valueOf(Attr.s(m, "recordType")),
            Attr.duration(m, "ttl"),
            new ProbeSettings(
                Attr.duration(p, "interval"),
                Attr.duration(p, "timeout"),
                Attr.i(p, "rise"),
                Attr.i(p, "fall")),
            Attr.i(m, "quorum"),
            Attr.duration(m, "staleness"),
            Attr.duration(m, "holdDown"),
            new FlapDamping(
                Attr.bool(d, "enabled"),
                Attr.d(d, "penalty"),
                Attr.duration(d, "halfLife"),
                Attr.d(d, "suppressThreshold"),
                Attr.d(d, "reuseThreshold"),
                Attr.d(d, "maxPenalty")),
            Attr.duration(m, "rampDuration"),
            Attr.d(m, "maxStepIncrease"),
            Attr.d(m, "panicThreshold"),
            FailMode.valueOf(Attr.s(m, "failMode")),
            Attr.d(m, "drillHeadroom"),
            Attr.i(m, "expectedLoad"),
            Attr.bool(m, "allowPrivateTargets"),
            // Items written before drains ramped have no drainDuration: the default.
            Attr.optS(m, "drainDuration").map(Duration::parse).orElse(ServiceConfig.DEFAULT_DRAIN));
    return new Versioned<>(c, Attr.version(m));
  }

  static Map<String, AttributeValue> toItem(Endpoint e, long version) {
    return Attr.item()
        .key(Keys.service(e.service()), Keys.endpoint(e.id()))
        .n(Attr.VERSION, version)
        .s("service", e.service().value())
        .s("id", e.id().value())
        .s("region", e.region().code())
        .s("address", e.address().value())
        .s("addressKind", e.address().kind().name())
        .n("port", e.port())
        .s("protocol", e.protocol().name())
        .s("healthPath", e.healthPath())
        .s("expectedStatus", e.expectedStatus().toString())
        .s("bodyContains", e.bodyContains())
        .s("hostHeader", e.hostHeader())
        .bool("tlsVerify", e.tlsVerify())
        .n("weight", e.weight())
        .n("capacity", e.capacity())
        .s("state", e.state().name())
        .instant("drainStartedAt", e.drainStartedAt())
        .build();
  }

  static Versioned<Endpoint> endpointFrom(Map<String, AttributeValue> m) {
    Endpoint e =
        new Endpoint(
            ServiceName.of(Attr.s(m, "service")),
            EndpointId.of(Attr.s(m, "id")),
            Region.of(Attr.s(m, "region")),
            new Address(Attr.s(m, "address"), Address.Kind.valueOf(Attr.s(m, "addressKind"))),
            Attr.i(m, "port"),
            Protocol.valueOf(Attr.s(m, "protocol")),
            Attr.s(m, "healthPath"),
            StatusRange.parse(Attr.s(m, "expectedStatus")),
            Attr.optS(m, "bodyContains"),
            Attr.optS(m, "hostHeader"),
            Attr.bool(m, "tlsVerify"),
            Attr.i(m, "weight"),
            Attr.i(m, "capacity"),
            EndpointState.valueOf(Attr.s(m, "state")),
            // Absent on endpoints that are not draining (and on items older than drains).
            Attr.optInstant(m, "drainStartedAt"));
    return new Versioned<>(e, Attr.version(m));
  }
}
