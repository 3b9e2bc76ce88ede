package dev.meridian.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a service's audit log: a health transition, a plan publication, a drill state
 * change, a configuration change or a PANIC. Never holds secrets or whole payloads.
 *
 * @param id unique and ordered by time within a service (the store sorts newest first by it)
 * @param actor who or what caused it (a caller identity, "scheduler", "probe:us-east-1", …)
 * @param details small key/value evidence (from, to, votes, changeId, …), sorted by key
 */
public record AuditEvent(
    ServiceName service,
    String id,
    Instant at,
    Kind kind,
    String actor,
    String summary,
    Map<String, String> details) {

  /** What happened. */
  public enum Kind {
    HEALTH_TRANSITION,
    REGION_TRANSITION,
    PLAN_PUBLISHED,
    PANIC,
    DRILL,
    CONFIG_CHANGED,
    ENDPOINT_CHANGED
  }

  public AuditEvent {
    Validation.notNull(service, "service");
    Validation.notNull(id, "id");
    Validation.notNull(at, "at");
    Validation.notNull(kind, "kind");
    actor = actor == null ? "unknown" : actor;
    summary = summary == null ? "" : summary;
    details =
        details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }
}
