package dev.meridian.core.health;

import dev.meridian.core.model.HealthState;

/**
 * A state change that the transition table of {@link VantageStateMachine} does not allow. It is a
 * bug in the caller or in the state machine, never a runtime condition to handle.
 */
public final class IllegalStateTransitionException extends IllegalStateException {
  private final HealthState from;
  private final HealthState to;

  public IllegalStateTransitionException(HealthState from, HealthState to) {
    super("illegal health transition " + from + " -> " + to);
    this.from = from;
    this.to = to;
  }

  public HealthState from() {
    return from;
  }

  public HealthState to() {
    return to;
  }
}
