package dev.meridian.core.model;

/**
 * What the planner does when healthy capacity falls below the panic threshold: OPEN routes to every
 * region by base weight (like Route 53 when all records are unhealthy); STATIC keeps the last
 * published plan.
 */
public enum FailMode {
  OPEN,
  STATIC
}
