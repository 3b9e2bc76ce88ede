package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of the health table: one per endpoint × vantage, written only by that vantage. */
final class HealthItems {
  private HealthItems() {}

  static Map<String, AttributeValue> key(VantageHealth h) {
    return Attr.key(Keys.service(h.service()), Keys.health(h.endpoint(), h.vantage()));
  }

  static Map<String, AttributeValue> toItem(VantageHealth h, Duration retention) {
    return Attr.item()
        .key(Keys.service(h.service()), Keys.health(h.endpoint(), h.vantage()))
        .s("service", h.service().value())
        .s("endpoint", h.endpoint().value())
        .s("vantage", h.vantage().code())
        .s("state", h.state().name())
        .n("consecutiveOk", h.consecutiveOk())
        .n("consecutiveFail", h.consecutiveFail())
        .instant("lastProbeAt", h.lastProbeAt())
        .instant("lastTransitionAt", h.lastTransitionAt())
        .instant("upSince", h.upSince())
        .d("penalty", h.penalty())
        .instant("penaltyAt", h.penaltyAt())
        .bool("suppressed", h.suppressed())
        .d("latencyEwmaMillis", h.latencyEwmaMillis())
        .s("lastFailure", h.lastFailure())
        .n(Attr.EXPIRES_AT, h.lastProbeAt().plus(retention).getEpochSecond())
        .build();
  }

  static VantageHealth from(Map<String, AttributeValue> m) {
    return new VantageHealth(
        ServiceName.of(Attr.s(m, "service")),
        EndpointId.of(Attr.s(m, "endpoint")),
        Region.of(Attr.s(m, "vantage")),
        HealthState.valueOf(Attr.s(m, "state")),
        Attr.i(m, "consecutiveOk"),
        Attr.i(m, "consecutiveFail"),
        Attr.instant(m, "lastProbeAt"),
        Attr.optInstant(m, "lastTransitionAt"),
        Attr.optInstant(m, "upSince"),
        Attr.d(m, "penalty"),
        Attr.instant(m, "penaltyAt"),
        Attr.bool(m, "suppressed"),
        Attr.d(m, "latencyEwmaMillis"),
        Attr.optS(m, "lastFailure"));
  }
}
