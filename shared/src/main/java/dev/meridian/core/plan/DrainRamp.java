package dev.meridian.core.plan;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.RegionRoute;
import dev.meridian.core.model.RoutingPlan;
import dev.meridian.core.model.ServiceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The drain ramp (ADR 0012): a draining endpoint (ACTIVE with {@link Endpoint#drainStartedAt()})
 * counts in the plan with its weight and capacity scaled by {@link #remaining} — linear from 1 at
 * the drain start to 0 after {@link ServiceConfig#drainDuration()}. Records are per region, so the
 * endpoint's falling weight lowers its region's share; once it reaches 0 the planner leaves the
 * endpoint out of the records and the scheduler sets its state to {@link EndpointState#DRAINING}
 * ({@link #readyToMarkDrained}). Pure: every function takes {@code now}.
 */
public final class DrainRamp {
  private DrainRamp() {}

  /**
   * A drain in progress as the API shows it.
   *
   * @param remaining the fraction of the weight and capacity still counted (1 → 0)
   * @param effectiveWeight {@code weight × remaining}
   * @param effectiveCapacity {@code capacity × remaining}
   * @param complete whether the ramp has reached 0 (the endpoint is out of the records; the
   *     scheduler is about to set it DRAINING)
   */
  public record Progress(
      Instant startedAt,
      Instant endsAt,
      double remaining,
      double effectiveWeight,
      double effectiveCapacity,
      boolean complete) {}

  /**
   * The fraction of the endpoint's weight and capacity the planner counts: 1 when it is not
   * draining (or its drain starts in the future, e.g. clock skew between regions), {@code 1 −
   * elapsed / drainDuration} during the ramp, 0 from its end on (at once for a zero duration).
   * Computed in milliseconds so that schedulers in different regions agree exactly.
   */
  public static double remaining(Endpoint e, ServiceConfig cfg, Instant now) {
    if (e.drainStartedAt().isEmpty()) {
      return 1;
    }
    long total = cfg.drainDuration().toMillis();
    long elapsed = Duration.between(e.drainStartedAt().get(), now).toMillis();
    if (elapsed >= total) {
      return 0;
    }
    if (elapsed <= 0) {
      return 1;
    }
    return 1 - (double) elapsed / total;
  }

  /** Whether the endpoint's drain has ramped all the way to 0. */
  public static boolean complete(Endpoint e, ServiceConfig cfg, Instant now) {
    return e.state() == EndpointState.ACTIVE && e.draining() && remaining(e, cfg, now) <= 0;
  }

  /** The drain's progress, when the endpoint is draining. */
  public static Optional<Progress> progress(Endpoint e, ServiceConfig cfg, Instant now) {
    if (e.drainStartedAt().isEmpty()) {
      return Optional.empty();
    }
    double f = remaining(e, cfg, now);
    Instant start = e.drainStartedAt().get();
    return Optional.of(
        new Progress(
            start,
            start.plus(cfg.drainDuration()),
            round(f),
            round(e.weight() * f),
            round(e.capacity() * f),
            f <= 0));
  }

  /**
   * The endpoints whose drain is complete and that {@code plan} (the plan that is published) no
   * longer carries: their address is not among their region's values, or it is there only because
   * another endpoint of the region that is not draining out has the same address. These may be set
   * DRAINING now. Sorted by id.
   */
  public static List<Endpoint> readyToMarkDrained(
      ServiceConfig cfg, List<Endpoint> endpoints, RoutingPlan plan, Instant now) {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (!e.service().equals(cfg.name()) || !complete(e, cfg, now)) {
        continue;
      }
      List<String> values = plan.region(e.region()).map(RegionRoute::values).orElse(List.of());
      String address = e.address().value();
      boolean published = values.stream().anyMatch(v -> v.equalsIgnoreCase(address));
      boolean sharedWithAnother =
          endpoints.stream()
              .anyMatch(
                  o ->
                      o != e
                          && !o.id().equals(e.id())
                          && o.region().equals(e.region())
                          && o.state() == EndpointState.ACTIVE
                          && !complete(o, cfg, now)
                          && o.address().value().equalsIgnoreCase(address));
      if (!published || sharedWithAnother) {
        out.add(e);
      }
    }
    out.sort((a, b) -> a.id().value().compareTo(b.id().value()));
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
