package dev.meridian.core.model;

/**
 * Why a plan looks the way it does: NORMAL (health-driven), PANIC (healthy capacity under the panic
 * threshold with fail mode OPEN: all regions by base weight), STATIC (monitoring blind or fail mode
 * STATIC: the previous plan is kept).
 */
public enum PlanMode {
  NORMAL,
  PANIC,
  STATIC
}
