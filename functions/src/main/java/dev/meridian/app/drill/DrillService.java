package dev.meridian.app.drill;

import dev.meridian.app.planning.AuditEvents;
import dev.meridian.app.planning.HealthEvaluation;
import dev.meridian.app.planning.PlanPreview;
import dev.meridian.app.planning.PlanningService;
import dev.meridian.core.drill.DrillRules;
import dev.meridian.core.health.EndpointHealth;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Validation;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover drills requested through the API. Admission is the core's ({@link DrillRules#admit}
 * against the current quorum verdicts and the service's other drills); the answer always carries
 * the plan with the drill overlaid ({@link PlanningService#preview}) so the operator sees what it
 * does. A dry run stores nothing; a refused drill is not stored as a drill but is audited (unless
 * it was a dry run). Once stored, the scheduler moves the drill along (start, auto-abort,
 * completion at expiry).
 */
public final class DrillService {
  private static final Logger LOG = LoggerFactory.getLogger(DrillService.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);
  public static final Duration MIN_DURATION = Duration.ofMinutes(1);
  public static final Duration MAX_DURATION = Duration.ofDays(1);

  /** How far ahead a drill may be scheduled. */
  public static final Duration MAX_LEAD = Duration.ofDays(30);

  private final EndpointRepository endpoints;
  private final HealthStore health;
  private final DrillStore drills;
  private final AuditLog audit;
  private final AuditEvents events;
  private final PlanningService planning;
  private final Clock clock;
  private final RandomGenerator random;

  public DrillService(
      EndpointRepository endpoints,
      HealthStore health,
      DrillStore drills,
      AuditLog audit,
      AuditEvents events,
      PlanningService planning,
      Clock clock,
      RandomGenerator random) {
    this.endpoints = endpoints;
    this.health = health;
    this.drills = drills;
    this.audit = audit;
    this.events = events;
    this.planning = planning;
    this.clock = clock;
    this.random = random;
  }

  /**
   * What the operator asks for.
   *
   * @param startAt empty = now
   * @param duration how long the drill lasts (1 min – 1 day)
   */
  public record Request(
      ServiceName service,
      Region region,
      DrillMode mode,
      Optional<Instant> startAt,
      Duration duration,
      String reason,
      boolean dryRun) {
    public Request {
      Validation.notNull(service, "service");
      Validation.notNull(region, "region");
      Validation.notNull(mode, "mode");
      startAt = startAt == null ? Optional.empty() : startAt;
      duration = duration == null ? DEFAULT_DURATION : duration;
      Validation.require(
          duration.compareTo(MIN_DURATION) >= 0 && duration.compareTo(MAX_DURATION) <= 0,
          "durationSeconds",
          duration.toSeconds(),
          "must be between " + MIN_DURATION.toSeconds() + " and " + MAX_DURATION.toSeconds());
    }
  }

  /** The admitted drill (version 0 when not stored, i.e. a dry run) and the plan it produces. */
  public record Created(Versioned<Drill> drill, PlanPreview preview, boolean dryRun) {}

  /** The core refused the drill; {@link #drill()} carries the REFUSED drill and its reason. */
  public static final class RefusedException extends RuntimeException {
    private final transient Drill drill;

    public RefusedException(Drill drill) {
      super(drill.stateReason().orElse("refused"));
      this.drill = drill;
    }

    public Drill drill() {
      return drill;
    }
  }

  public Created create(Request r, String actor) {
    ServiceConfig cfg =
        endpoints
            .findService(r.service())
            .orElseThrow(
                () -> new NotFoundException("service " + r.service() + " is not configured"))
            .value();
    Instant now = clock.instant();
    Instant startAt = r.startAt().orElse(now);
    Validation.require(
        !startAt.isAfter(now.plus(MAX_LEAD)),
        "startAt",
        startAt,
        "must be at most " + MAX_LEAD.toDays() + " days ahead");
    Drill requested =
        new Drill(
            newId(now),
            r.service(),
            r.region(),
            r.mode(),
            startAt,
            startAt.plus(r.duration()),
            r.reason(),
            actor,
            DrillState.PENDING,
            Optional.empty(),
            now,
            now);
    List<Endpoint> eps =
        endpoints.listEndpoints(r.service()).stream().map(Versioned::value).toList();
    Map<EndpointId, EndpointHealth> verdicts =
        HealthEvaluation.evaluate(cfg, eps, health.list(r.service()), now);
    List<Drill> others = drills.list(r.service()).stream().map(Versioned::value).toList();
    Drill admitted = DrillRules.admit(requested, cfg, eps, verdicts, others, now);
    if (admitted.state() == DrillState.REFUSED) {
      if (!r.dryRun()) {
        record(admitted, actor, "refused");
      }
      LOG.info(
          "drill refused service={} drill={} region={} mode={} dryRun={} actor={} reason={}",
          admitted.service(),
          admitted.id(),
          admitted.region(),
          admitted.mode(),
          r.dryRun(),
          actor,
          admitted.stateReason().orElse(""));
      throw new RefusedException(admitted);
    }
    PlanPreview preview = planning.preview(r.service(), List.of(admitted));
    if (r.dryRun()) {
      return new Created(new Versioned<>(admitted, Versioned.NEW), preview, true);
    }
    Versioned<Drill> saved = drills.save(admitted, Versioned.NEW);
    record(admitted, actor, "created " + admitted.state());
    LOG.info(
        "drill created service={} drill={} region={} mode={} state={} startAt={} expiresAt={}"
            + " actor={}",
        admitted.service(),
        admitted.id(),
        admitted.region(),
        admitted.mode(),
        admitted.state(),
        admitted.startAt(),
        admitted.expiresAt(),
        actor);
    return new Created(saved, preview, false);
  }

  /** The service's drills, newest first. */
  public List<Versioned<Drill>> list(ServiceName service) {
    requireService(service);
    return drills.list(service);
  }

  public Versioned<Drill> get(ServiceName service, DrillId id) {
    requireService(service);
    return drills
        .find(service, id)
        .orElseThrow(() -> new NotFoundException("drill " + id + " does not exist in " + service));
  }

  /**
   * Aborts a PENDING or ACTIVE drill; traffic returns at the scheduler's next plan. A finished
   * drill cannot be aborted ({@link ConflictException}).
   */
  public Versioned<Drill> abort(ServiceName service, DrillId id, String reason, String actor) {
    Versioned<Drill> current = get(service, id);
    Drill d = current.value();
    if (d.state().isTerminal()) {
      throw new ConflictException(
          "drill " + id + " is already " + d.state() + " and cannot be aborted");
    }
    String why =
        "aborted by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
    Drill aborted = DrillRules.abort(d, why, clock.instant());
    Versioned<Drill> saved = drills.save(aborted, current.version());
    record(aborted, actor, d.state() + " -> ABORTED");
    LOG.info("drill aborted service={} drill={} from={} actor={}", service, id, d.state(), actor);
    return saved;
  }

  private void requireService(ServiceName service) {
    if (endpoints.findService(service).isEmpty()) {
      throw new NotFoundException("service " + service + " is not configured");
    }
  }

  private DrillId newId(Instant now) {
    return new DrillId(
        "d" + ID_TIME.format(now) + "-" + String.format("%06x", random.nextInt(1 << 24)));
  }

  private void record(Drill d, String actor, String what) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("drill", d.id().value());
    details.put("region", d.region().code());
    details.put("mode", d.mode().toString());
    details.put("state", d.state().name());
    details.put("startAt", d.startAt().toString());
    details.put("expiresAt", d.expiresAt().toString());
    d.stateReason().ifPresent(s -> details.put("reason", abbreviate(s)));
    String summary = "drill " + d.id() + " on " + d.region() + " " + what;
    audit.append(
        events.create(
            d.service(), clock.instant(), AuditEvent.Kind.DRILL, actor, summary, details));
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }
}
