package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import java.time.Instant;

/** Partition and sort keys of every item kind (docs/data-model.md has the table). */
final class Keys {
  private Keys() {}

  static final String CONFIG = "CONFIG";
  static final String ENDPOINT_PREFIX = "EP#";
  static final String PLAN = "PLAN";
  static final String DRILL_PREFIX = "DRILL#";
  static final String LEASE = "LEASE";

  /** Service partition in the endpoints, health and control tables. */
  static String service(ServiceName s) {
    return "SVC#" + s.value();
  }

  static String endpoint(EndpointId id) {
    return ENDPOINT_PREFIX + id.value();
  }

  /** Health item sort key: endpoint, then vantage; sorts by endpoint id, then region. */
  static String health(EndpointId id, Region vantage) {
    return healthPrefix(id) + vantage.code();
  }

  static String healthPrefix(EndpointId id) {
    return ENDPOINT_PREFIX + id.value() + "#V#";
  }

  static String drill(DrillId id) {
    return DRILL_PREFIX + id.value();
  }

  static String lease(String key) {
    return "LEASE#" + key;
  }

  static String audit(ServiceName s) {
    return "AUDIT#" + s.value();
  }

  /** Audit sort key: 15-digit epoch millis, then the event id; sorts by time, then id. */
  static String auditSort(Instant at, String id) {
    return String.format("%015d#%s", at.toEpochMilli(), id);
  }
}
