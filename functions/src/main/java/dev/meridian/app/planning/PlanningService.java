package dev.meridian.app.planning;

import dev.meridian.app.drill.DrillAdvancer;
import dev.meridian.core.dns.RecordDiff;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.plan.Planner;
import dev.meridian.core.plan.PlanningInput;
import dev.meridian.core.port.AggregatedHealthStore;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import dev.meridian.core.port.PublishedPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes what the scheduler would publish for a service, without writing anything: the plan, the
 * desired record sets and their diff against what DNS currently serves. Used by {@code GET
 * /services/{name}/plan} and by drill dry runs.
 */
public final class PlanningService {
  private final SnapshotLoader loader;
  private final DnsPublisher dns;
  private final Clock clock;

  public PlanningService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      PlanStore plans,
      AggregatedHealthStore aggregated,
      DnsPublisher dns,
      Clock clock) {
    this.loader = new SnapshotLoader(endpoints, health, drills, plans, aggregated);
    this.dns = Objects.requireNonNull(dns, "dns");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Loads config, endpoints, health, drills, last published plan; runs the core planner; diffs
   * desired records against what the DnsPublisher reports as published. No writes. {@code
   * extraDrills} are overlaid as if ACTIVE (drill dry runs).
   *
   * @throws NotFoundException for an unknown service
   */
  public PlanPreview preview(ServiceName service, List<Drill> extraDrills) {
    Objects.requireNonNull(service, "service");
    ServiceSnapshot snapshot = loader.load(service);
    Instant now = clock.instant();
    var health =
        HealthEvaluation.evaluate(
            snapshot.serviceConfig(), snapshot.endpoints(), snapshot.health(), now);
    // The stored drills as the scheduler would move them now (activation at startAt, expiry,
    // auto-abort), so that the preview shows what the next scheduler run publishes.
    List<Drill> drills = new ArrayList<>(DrillAdvancer.advanced(snapshot, health, now));
    for (Drill extra : extraDrills == null ? List.<Drill>of() : extraDrills) {
      drills.add(
          extra.state() == DrillState.ACTIVE
              ? extra
              : extra.withState(DrillState.ACTIVE, "dry run", now));
    }
    var plan =
        Planner.plan(
            new PlanningInput(
                snapshot.serviceConfig(),
                snapshot.endpoints(),
                snapshot.health(),
                drills,
                snapshot.lastPublished().map(v -> v.value().plan()),
                now,
                snapshot.announcedHealthySince()));
    var desired = RecordSets.desired(plan);
    var changes = RecordDiff.diff(desired, dns.published(service));
    return new PlanPreview(
        plan, desired, changes, snapshot.lastPublished().map(Versioned<PublishedPlan>::value));
  }
}
