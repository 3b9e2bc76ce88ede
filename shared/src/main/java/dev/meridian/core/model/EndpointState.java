package dev.meridian.core.model;

/**
 * The operator's intent for an endpoint. Only ACTIVE endpoints receive traffic. DRAINING ones are
 * removed from the published records in one planning step (clients drain over the record TTL; no
 * gradual weight ramp yet); DISABLED ones are ignored by the planner (and still probed for status).
 */
public enum EndpointState {
  ACTIVE,
  DRAINING,
  DISABLED
}
