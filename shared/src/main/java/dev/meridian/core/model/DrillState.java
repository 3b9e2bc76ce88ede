package dev.meridian.core.model;

/**
 * Life of a drill: PENDING → ACTIVE → COMPLETED | ABORTED, or REFUSED at the start. The legal
 * transitions are a table in {@code dev.meridian.core.drill.DrillRules}.
 */
public enum DrillState {
  PENDING,
  ACTIVE,
  COMPLETED,
  ABORTED,
  REFUSED;

  public boolean isTerminal() {
    return this == COMPLETED || this == ABORTED || this == REFUSED;
  }
}
