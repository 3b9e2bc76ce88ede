package dev.meridian.app.planning;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.port.PublishedPlan;
import java.util.List;
import java.util.Optional;

/**
 * What the scheduler would publish for a service right now, without writing anything.
 *
 * @param plan the plan the core planner computes from the current inputs
 * @param desired the record sets that plan maps to
 * @param changes what publishing would change in DNS (empty when DNS already matches)
 * @param lastPublished the plan the scheduler last stored, if any
 */
public record PlanPreview(
    RoutingPlan plan,
    List<DnsRecordSet> desired,
    List<PlanChange> changes,
    Optional<PublishedPlan> lastPublished) {
  public PlanPreview {
    desired = List.copyOf(desired);
    changes = List.copyOf(changes);
    lastPublished = lastPublished == null ? Optional.empty() : lastPublished;
  }
}
