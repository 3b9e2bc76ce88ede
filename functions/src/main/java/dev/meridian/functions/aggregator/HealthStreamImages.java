package dev.meridian.functions.aggregator;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a health-table item from a DynamoDB Streams image (the Lambda event's attribute-value
 * model). The attribute names and encodings are those the health store writes ({@code
 * dev.meridian.aws.dynamodb.HealthItems}): strings for ids and states, ISO-8601 strings for
 * instants, numbers for counters, BOOL for {@code suppressed}; absent optional attributes are
 * omitted.
 */
final class HealthStreamImages {
  private HealthStreamImages() {}

  static VantageHealth from(Map<String, AttributeValue> m) {
    return new VantageHealth(
        ServiceName.of(s(m, "service")),
        EndpointId.of(s(m, "endpoint")),
        Region.of(s(m, "vantage")),
        HealthState.valueOf(s(m, "state")),
        (int) n(m, "consecutiveOk"),
        (int) n(m, "consecutiveFail"),
        Instant.parse(s(m, "lastProbeAt")),
        optS(m, "lastTransitionAt").map(Instant::parse),
        optS(m, "upSince").map(Instant::parse),
        n(m, "penalty"),
        Instant.parse(s(m, "penaltyAt")),
        bool(m, "suppressed"),
        n(m, "latencyEwmaMillis"),
        optS(m, "lastFailure"));
  }

  private static AttributeValue req(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    if (v == null) {
      throw new IllegalArgumentException("health image lacks attribute '" + name + "'");
    }
    return v;
  }

  private static String s(Map<String, AttributeValue> m, String name) {
    String v = req(m, name).getS();
    if (v == null) {
      throw new IllegalArgumentException("health image attribute '" + name + "' is not a string");
    }
    return v;
  }

  private static Optional<String> optS(Map<String, AttributeValue> m, String name) {
    AttributeValue v = m.get(name);
    return v == null || v.getNULL() != null && v.getNULL()
        ? Optional.empty()
        : Optional.ofNullable(v.getS());
  }

  private static double n(Map<String, AttributeValue> m, String name) {
    String v = req(m, name).getN();
    if (v == null) {
      throw new IllegalArgumentException("health image attribute '" + name + "' is not a number");
    }
    return Double.parseDouble(v);
  }

  private static boolean bool(Map<String, AttributeValue> m, String name) {
    Boolean v = req(m, name).getBOOL();
    if (v == null) {
      throw new IllegalArgumentException("health image attribute '" + name + "' is not a BOOL");
    }
    return v;
  }
}
