package dev.meridian.app.drill;

import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.ServiceSnapshot;
import dev.meridian.core.drill.DrillRules;
import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.DrillStore;
import dev.meridian.observability.DecisionLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves a service's drills along their life (PENDING → ACTIVE at {@code startAt}, ACTIVE →
 * COMPLETED at {@code expiresAt}, ACTIVE → ABORTED when another region degrades) with the core's
 * {@link DrillRules}, then persists each change with optimistic concurrency and audits it. The
 * decision itself is pure ({@link #steps}); only {@link #apply} writes.
 */
public final class DrillAdvancer {
  /** One drill that changes state in this run. */
  public record DrillStep(Versioned<Drill> current, Drill next) {}

  private final DrillStore drills;
  private final AuditLog audit;
  private final AuditEvents events;
  private final DecisionLog decisions;

  public DrillAdvancer(
      DrillStore drills, AuditLog audit, AuditEvents events, DecisionLog decisions) {
    this.drills = Objects.requireNonNull(drills, "drills");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.events = Objects.requireNonNull(events, "events");
    this.decisions = Objects.requireNonNull(decisions, "decisions");
  }

  /** The open drills whose state the core's rules change at {@code now}. Pure. */
  public static List<DrillStep> steps(
      ServiceSnapshot snapshot, Map<EndpointId, EndpointHealth> health, Instant now) {
    List<DrillStep> out = new ArrayList<>();
    for (Versioned<Drill> v : snapshot.drills()) {
      Drill d = v.value();
      if (d.state().isTerminal()) {
        continue;
      }
      Optional<Drill> next =
          DrillRules.advance(d, snapshot.serviceConfig(), snapshot.endpoints(), health, now);
      next.filter(n -> n.state() != d.state()).ifPresent(n -> out.add(new DrillStep(v, n)));
    }
    return out;
  }

  /** The open drills after applying {@link #steps} in memory (what the planner should see). */
  public static List<Drill> advanced(
      ServiceSnapshot snapshot, Map<EndpointId, EndpointHealth> health, Instant now) {
    return merge(snapshot, steps(snapshot, health, now));
  }

  private static List<Drill> merge(ServiceSnapshot snapshot, List<DrillStep> steps) {
    Map<String, Drill> byId = new LinkedHashMap<>();
    snapshot.drills().forEach(v -> byId.put(v.value().id().value(), v.value()));
    steps.forEach(s -> byId.put(s.next().id().value(), s.next()));
    return byId.values().stream().filter(d -> !d.state().isTerminal()).toList();
  }

  /**
   * Persists and audits the steps and returns the open drills the planner should use. A drill
   * changed concurrently (for example cancelled through the API) is re-read and left for the next
   * run instead of being overwritten.
   */
  public List<Drill> apply(ServiceSnapshot snapshot, List<DrillStep> steps, String actor) {
    List<DrillStep> applied = new ArrayList<>();
    for (DrillStep step : steps) {
      Drill next = step.next();
      try {
        drills.save(next, step.current().version());
        applied.add(step);
        record(step, actor);
      } catch (ConflictException e) {
        drills
            .find(next.service(), next.id())
            .ifPresent(fresh -> applied.add(new DrillStep(step.current(), fresh.value())));
        decisions.warn(
            "drill.conflict",
            next.service(),
            "drill changed concurrently; left for the next run",
            Map.of("drill", next.id().value()));
      }
    }
    return merge(snapshot, applied);
  }

  private void record(DrillStep step, String actor) {
    Drill from = step.current().value();
    Drill to = step.next();
    ServiceName service = to.service();
    String why = to.stateReason().orElse("");
    Map<String, String> details = new LinkedHashMap<>();
    details.put("drill", to.id().value());
    details.put("region", to.region().code());
    details.put("mode", to.mode().toString());
    details.put("from", from.state().name());
    details.put("to", to.state().name());
    if (!why.isEmpty()) {
      details.put("reason", why);
    }
    String summary =
        "drill "
            + to.id()
            + " on "
            + to.region()
            + " "
            + from.state()
            + " -> "
            + to.state()
            + (why.isEmpty() ? "" : ": " + why);
    audit.append(
        events.create(service, to.updatedAt(), AuditEvent.Kind.DRILL, actor, summary, details));
    if (to.state() == DrillState.ABORTED) {
      decisions.warn("drill." + to.state().name().toLowerCase(), service, summary, details);
    } else {
      decisions.info("drill." + to.state().name().toLowerCase(), service, summary, details);
    }
  }
}
