package dev.meridian.core.drill;

import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillState;

/**
 * A drill state change that {@link DrillRules#TRANSITIONS} does not allow, e.g. aborting a drill
 * that already completed. The API maps it to a conflict; inside the core it is a bug.
 */
public final class IllegalDrillTransitionException extends IllegalStateException {
  private final DrillState from;
  private final DrillState to;

  public IllegalDrillTransitionException(DrillId drill, DrillState from, DrillState to) {
    super("drill " + drill + " cannot go from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public DrillState from() {
    return from;
  }

  public DrillState to() {
    return to;
  }
}
