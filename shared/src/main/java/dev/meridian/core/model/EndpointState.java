package dev.meridian.core.model;

/**
 * The operator's intent for an endpoint. Only ACTIVE endpoints receive traffic. A drain (ADR 0012)
 * keeps the endpoint ACTIVE while the planner ramps its weight and capacity linearly to 0 over the
 * service's {@code drainDuration} ({@link Endpoint#drainStartedAt()} is set); once the ramp is at 0
 * the planner leaves it out of the records and the scheduler sets it DRAINING. DRAINING endpoints
 * (drained, or set DRAINING directly with a PATCH, which skips the ramp) are not routed; DISABLED
 * ones are ignored by the planner. Both are still probed for status.
 */
public enum EndpointState {
  ACTIVE,
  DRAINING,
  DISABLED
}
