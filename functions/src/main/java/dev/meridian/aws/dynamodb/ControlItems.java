package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.RoutingPolicy;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.PublishedPlan;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of the control table: the published plan, drills and audit events of each service. */
final class ControlItems {
  private ControlItems() {}

  static final String FENCING_TOKEN = "fencingToken";

  // --- plan ----------------------------------------------------------------------------------

  static Map<String, AttributeValue> toItem(PublishedPlan pp, long version) {
    RoutingPlan p = pp.plan();
    return Attr.item()
        .key(Keys.service(p.service()), Keys.PLAN)
        .n(Attr.VERSION, version)
        .n(FENCING_TOKEN, pp.fencingToken())
        .s("changeId", pp.changeId())
        .instant("publishedAt", pp.publishedAt())
        .map(
            "plan",
            Attr.item()
                .s("service", p.service().value())
                .s("policy", p.policy().name())
                .s("recordType", p.recordType().name())
                .duration("ttl", p.ttl())
                .s("mode", p.mode().name())
                .list(
                    "regions",
                    p.regions().stream().map(r -> AttributeValue.fromM(regionToMap(r))).toList())
                .strings("explanation", p.explanation())
                .s("capacityWarning", p.capacityWarning())
                .instant("computedAt", p.computedAt())
                .build())
        .build();
  }

  private static Map<String, AttributeValue> regionToMap(RegionRoute r) {
    return Attr.item()
        .s("region", r.region().code())
        .n("weight", r.weight())
        .bool("included", r.included())
        .s("role", r.role().name())
        .strings("values", r.values())
        .d("share", r.share())
        .s("explanation", r.explanation())
        .build();
  }

  static Versioned<PublishedPlan> planFrom(Map<String, AttributeValue> m) {
    Map<String, AttributeValue> p = Attr.map(m, "plan");
    RoutingPlan plan =
        new RoutingPlan(
            ServiceName.of(Attr.s(p, "service")),
            RoutingPolicy.valueOf(Attr.s(p, "policy")),
            RecordType.valueOf(Attr.s(p, "recordType")),
            Attr.duration(p, "ttl"),
            PlanMode.valueOf(Attr.s(p, "mode")),
            Attr.list(p, "regions").stream().map(v -> regionFrom(v.m())).toList(),
            Attr.strings(p, "explanation"),
            Attr.optS(p, "capacityWarning"),
            Attr.instant(p, "computedAt"));
    PublishedPlan pp =
        new PublishedPlan(
            plan,
            Attr.optS(m, "changeId"),
            Attr.instant(m, "publishedAt"),
            Attr.n(m, FENCING_TOKEN));
    return new Versioned<>(pp, Attr.version(m));
  }

  private static RegionRoute regionFrom(Map<String, AttributeValue> m) {
    return new RegionRoute(
        Region.of(Attr.s(m, "region")),
        Attr.i(m, "weight"),
        Attr.bool(m, "included"),
        FailoverRole.valueOf(Attr.s(m, "role")),
        Attr.strings(m, "values"),
        Attr.d(m, "share"),
        Attr.optS(m, "explanation").orElse(""));
  }

  // --- drill ---------------------------------------------------------------------------------

  /**
   * A drill's own expiry is stored as {@code drillExpiresAt}: {@code expiresAt} is the table's TTL
   * attribute, set only once the drill is terminal (it then lives as long as audit events).
   */
  static Map<String, AttributeValue> toItem(Drill d, long version, Duration terminalRetention) {
    Attr.Item item =
        Attr.item()
            .key(Keys.service(d.service()), Keys.drill(d.id()))
            .n(Attr.VERSION, version)
            .s("id", d.id().value())
            .s("service", d.service().value())
            .s("region", d.region().code())
            .s("modeKind", d.mode().kind().name())
            .n("modePercent", d.mode().percent())
            .instant("startAt", d.startAt())
            .instant("drillExpiresAt", d.expiresAt())
            .s("reason", d.reason())
            .s("requester", d.requester())
            .s("state", d.state().name())
            .s("stateReason", d.stateReason())
            .instant("createdAt", d.createdAt())
            .instant("updatedAt", d.updatedAt());
    if (d.state().isTerminal()) {
      item.n(Attr.EXPIRES_AT, d.updatedAt().plus(terminalRetention).getEpochSecond());
    }
    return item.build();
  }

  static Versioned<Drill> drillFrom(Map<String, AttributeValue> m) {
    Drill d =
        new Drill(
            new DrillId(Attr.s(m, "id")),
            ServiceName.of(Attr.s(m, "service")),
            Region.of(Attr.s(m, "region")),
            new DrillMode(DrillMode.Kind.valueOf(Attr.s(m, "modeKind")), Attr.i(m, "modePercent")),
            Attr.instant(m, "startAt"),
            Attr.instant(m, "drillExpiresAt"),
            Attr.optS(m, "reason").orElse(""),
            Attr.s(m, "requester"),
            DrillState.valueOf(Attr.s(m, "state")),
            Attr.optS(m, "stateReason"),
            Attr.instant(m, "createdAt"),
            Attr.instant(m, "updatedAt"));
    return new Versioned<>(d, Attr.version(m));
  }

  // --- audit ---------------------------------------------------------------------------------

  static Map<String, AttributeValue> toItem(AuditEvent e, Duration retention) {
    Map<String, AttributeValue> details = new TreeMap<>();
    e.details().forEach((k, v) -> details.put(k, AttributeValue.fromS(v)));
    return Attr.item()
        .key(Keys.audit(e.service()), Keys.auditSort(e.at(), e.id()))
        .s("service", e.service().value())
        .s("id", e.id())
        .instant("at", e.at())
        .s("kind", e.kind().name())
        .s("actor", e.actor())
        .s("summary", e.summary())
        .map("details", details)
        .n(Attr.EXPIRES_AT, e.at().plus(retention).getEpochSecond())
        .build();
  }

  static AuditEvent auditFrom(Map<String, AttributeValue> m) {
    Map<String, String> details = new TreeMap<>();
    AttributeValue d = m.get("details");
    if (d != null && d.hasM()) {
      d.m().forEach((k, v) -> details.put(k, v.s()));
    }
    return new AuditEvent(
        ServiceName.of(Attr.s(m, "service")),
        Attr.s(m, "id"),
        Attr.instant(m, "at"),
        AuditEvent.Kind.valueOf(Attr.s(m, "kind")),
        Attr.s(m, "actor"),
        Attr.optS(m, "summary").orElse(""),
        details);
  }
}
