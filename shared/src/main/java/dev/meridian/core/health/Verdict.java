package dev.meridian.core.health;

/**
 * The aggregated verdict on an endpoint (quorum across vantages) or a region (over its ACTIVE
 * endpoints). UNKNOWN means "not enough fresh evidence": it never counts as healthy or as failed,
 * so the planner keeps what it had (fail static) rather than moving traffic on no evidence.
 */
public enum Verdict {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN
}
