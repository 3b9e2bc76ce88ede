package dev.meridian.app.scheduler;

import dev.meridian.core.model.ServiceName;
import java.util.Set;

/**
 * Asks the scheduler to run soon for some services (the aggregator's fast path). Fire and forget:
 * the call returns before the scheduler runs, and a lost trigger is repaired by the one-minute
 * reconcile loop. See docs/adr/0006-scheduler-trigger-and-reconcile.md.
 */
public interface SchedulerTrigger {
  /**
   * Requests a run for {@code services}.
   *
   * @throws dev.meridian.core.port.StoreUnavailableException when the request could not be sent
   */
  void trigger(Set<ServiceName> services);
}
