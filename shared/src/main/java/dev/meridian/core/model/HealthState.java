package dev.meridian.core.model;

/**
 * One vantage's view of one endpoint. UNKNOWN (new, or not enough evidence yet) never counts as
 * healthy or as failed. Legal transitions are in {@code
 * dev.meridian.core.health.VantageStateMachine}.
 */
public enum HealthState {
  UNKNOWN,
  UP,
  DOWN
}
