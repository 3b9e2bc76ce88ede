package dev.meridian.core.model;

/**
 * The operator's intent for an endpoint. Only ACTIVE endpoints receive traffic; DRAINING ones are
 * being ramped to zero; DISABLED ones are ignored by the planner (and still probed for status).
 */
public enum EndpointState {
  ACTIVE,
  DRAINING,
  DISABLED
}
