package dev.meridian.app.registry;

import dev.meridian.app.planning.AuditEvents;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.plan.DrainRamp;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service configurations and endpoint registrations: the write side of the API. Every input has
 * been validated by the model's constructors before a method is called; this class adds the rules
 * that need stored state (probe-target policy against the service's settings, address family
 * against the record type, duplicates, optimistic concurrency) and checks them all before the first
 * write, so a rejected request never changes anything. Each change is audited with the caller's
 * identity.
 *
 * <p>Draining (ADR 0012): {@link #drain} records the drain's start on the endpoint ({@link
 * Endpoint#drainStartedAt()}) and keeps it ACTIVE; the planner ramps its weight and capacity
 * linearly to 0 over the service's {@code drainDuration} ({@link DrainRamp}), so its region's share
 * falls smoothly, then leaves it out of the records; the scheduler then sets the state to {@link
 * EndpointState#DRAINING}. The operator's base weight is kept for when it is set ACTIVE again. A
 * PATCH to state ACTIVE cancels a drain in progress; a {@code drainDuration} of 0 drains at once.
 */
public final class RegistryService {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);

  private final EndpointRepository repository;
  private final HealthStore health;
  private final AuditLog audit;
  private final AuditEvents events;
  private final Clock clock;

  public RegistryService(
      EndpointRepository repository,
      HealthStore health,
      AuditLog audit,
      AuditEvents events,
      Clock clock) {
    this.repository = repository;
    this.health = health;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /** The result of a create-or-replace: the stored value and whether it was created. */
  public record Saved<T>(Versioned<T> stored, boolean created) {}

  /** A stored endpoint and, while it drains, how far its ramp has come (as of the clock). */
  public record EndpointView(Versioned<Endpoint> stored, Optional<DrainRamp.Progress> drain) {
    public EndpointView {
      drain = drain == null ? Optional.empty() : drain;
    }
  }

  // ---------------------------------------------------------------- services

  public List<Versioned<ServiceConfig>> listServices() {
    return repository.listServices();
  }

  /** Throws {@link NotFoundException} when the service is not configured. */
  public Versioned<ServiceConfig> getService(ServiceName name) {
    return repository
        .findService(name)
        .orElseThrow(() -> new NotFoundException("service " + name + " is not configured"));
  }

  /**
   * Creates or replaces a service's configuration. With {@code ifMatch} the stored version must
   * equal it (0 = must not exist yet). Replacing with an identical configuration writes nothing.
   */
  public Saved<ServiceConfig> putService(ServiceConfig config, OptionalLong ifMatch, String actor) {
    Optional<Versioned<ServiceConfig>> existing = repository.findService(config.name());
    long actual = existing.map(Versioned::version).orElse(Versioned.NEW);
    checkIfMatch("service " + config.name(), ifMatch, actual);
    if (existing.isPresent()) {
      if (existing.get().value().equals(config)) {
        return new Saved<>(existing.get(), false);
      }
      for (Versioned<Endpoint> e : repository.listEndpoints(config.name())) {
        checkEndpointFits(e.value(), config, "recordType", "allowPrivateTargets");
      }
    }
    Versioned<ServiceConfig> saved = repository.saveService(config, actual);
    boolean created = existing.isEmpty();
    record(
        config.name(),
        AuditEvent.Kind.CONFIG_CHANGED,
        actor,
        (created ? "service created" : "service configuration replaced"),
        Map.of("version", Long.toString(saved.version())));
    LOG.info(
        "service config saved service={} version={} created={} actor={}",
        config.name(),
        saved.version(),
        created,
        actor);
    return new Saved<>(saved, created);
  }

  /**
   * Deletes a service's configuration. A service that still has endpoints is refused ({@link
   * ConflictException}) unless {@code force}, which deregisters the endpoints first.
   */
  public void deleteService(ServiceName name, boolean force, OptionalLong ifMatch, String actor) {
    Versioned<ServiceConfig> existing = getService(name);
    checkIfMatch("service " + name, ifMatch, existing.version());
    List<Versioned<Endpoint>> endpoints = repository.listEndpoints(name);
    if (!endpoints.isEmpty() && !force) {
      throw new ConflictException(
          "service "
              + name
              + " still has "
              + endpoints.size()
              + " endpoint(s); delete them first or pass force=true");
    }
    for (Versioned<Endpoint> e : endpoints) {
      removeEndpoint(e, actor);
    }
    repository.deleteService(name, existing.version());
    record(
        name,
        AuditEvent.Kind.CONFIG_CHANGED,
        actor,
        "service deleted",
        Map.of("endpointsRemoved", Integer.toString(endpoints.size())));
    LOG.info(
        "service deleted service={} endpointsRemoved={} actor={}", name, endpoints.size(), actor);
  }

  // ---------------------------------------------------------------- endpoints

  /**
   * Registers an endpoint. Idempotent on its id: registering the same definition again returns the
   * stored endpoint ({@code created == false}); a different definition under the same id, or
   * another id with the same address and port, is a {@link ConflictException}.
   */
  public Saved<Endpoint> register(Endpoint candidate, String actor) {
    ServiceConfig config = getService(candidate.service()).value();
    checkEndpointFits(candidate, config, "address", "address");
    Optional<Versioned<Endpoint>> existing =
        repository.findEndpoint(candidate.service(), candidate.id());
    if (existing.isPresent()) {
      return replay(existing.get(), candidate);
    }
    for (Versioned<Endpoint> other : repository.listEndpoints(candidate.service())) {
      Endpoint o = other.value();
      if (o.address().equals(candidate.address()) && o.port() == candidate.port()) {
        throw new ConflictException(
            "endpoint "
                + o.id()
                + " already targets "
                + o.address()
                + ":"
                + o.port()
                + " in service "
                + candidate.service());
      }
    }
    Versioned<Endpoint> saved;
    try {
      saved = repository.saveEndpoint(candidate, Versioned.NEW);
    } catch (ConflictException race) {
      // Two identical registrations raced: the loser is a replay if the winner stored the same.
      return replay(
          repository.findEndpoint(candidate.service(), candidate.id()).orElseThrow(() -> race),
          candidate);
    }
    record(
        candidate.service(),
        AuditEvent.Kind.ENDPOINT_CHANGED,
        actor,
        "endpoint " + candidate.id() + " registered",
        endpointDetails(candidate, saved.version()));
    LOG.info(
        "endpoint registered service={} endpoint={} region={} target={}:{} actor={}",
        candidate.service(),
        candidate.id(),
        candidate.region(),
        candidate.address(),
        candidate.port(),
        actor);
    return new Saved<>(saved, true);
  }

  private static Saved<Endpoint> replay(Versioned<Endpoint> stored, Endpoint candidate) {
    if (stored.value().equals(candidate)) {
      return new Saved<>(stored, false);
    }
    throw new ConflictException(
        "endpoint "
            + candidate.id()
            + " is already registered with a different definition; PATCH it or use another id");
  }

  public List<Versioned<Endpoint>> listEndpoints(ServiceName service) {
    getService(service);
    return repository.listEndpoints(service);
  }

  /** The service's endpoints with their drain progress. */
  public List<EndpointView> listEndpointViews(ServiceName service) {
    ServiceConfig config = getService(service).value();
    Instant now = clock.instant();
    return repository.listEndpoints(service).stream()
        .map(v -> new EndpointView(v, DrainRamp.progress(v.value(), config, now)))
        .toList();
  }

  /** One endpoint with its drain progress. */
  public EndpointView getEndpointView(ServiceName service, EndpointId id) {
    return view(getEndpoint(service, id));
  }

  /**
   * {@code stored} with its drain progress (reads the service's configuration only if it drains).
   */
  public EndpointView view(Versioned<Endpoint> stored) {
    Endpoint e = stored.value();
    if (!e.draining()) {
      return new EndpointView(stored, Optional.empty());
    }
    ServiceConfig config = getService(e.service()).value();
    return new EndpointView(stored, DrainRamp.progress(e, config, clock.instant()));
  }

  public Versioned<Endpoint> getEndpoint(ServiceName service, EndpointId id) {
    getService(service);
    return repository
        .findEndpoint(service, id)
        .orElseThrow(
            () -> new NotFoundException("endpoint " + id + " is not registered in " + service));
  }

  /**
   * Changes an endpoint with {@code change} (which builds the new value through the model, so it is
   * validated). An unchanged result writes nothing.
   */
  public Versioned<Endpoint> updateEndpoint(
      ServiceName service,
      EndpointId id,
      UnaryOperator<Endpoint> change,
      OptionalLong ifMatch,
      String actor) {
    Versioned<Endpoint> existing = getEndpoint(service, id);
    checkIfMatch("endpoint " + id, ifMatch, existing.version());
    Endpoint updated = change.apply(existing.value());
    if (!updated.id().equals(id) || !updated.service().equals(service)) {
      throw new IllegalStateException("an endpoint update must not change its identity");
    }
    if (updated.equals(existing.value())) {
      return existing;
    }
    Versioned<Endpoint> saved = repository.saveEndpoint(updated, existing.version());
    Map<String, String> details = diff(existing.value(), updated);
    details.put("version", Long.toString(saved.version()));
    boolean cancelled =
        existing.value().draining()
            && !updated.draining()
            && updated.state() == EndpointState.ACTIVE;
    record(
        service,
        AuditEvent.Kind.ENDPOINT_CHANGED,
        actor,
        "endpoint " + id + (cancelled ? " drain cancelled" : " updated"),
        details);
    LOG.info(
        "endpoint updated service={} endpoint={} changes={} actor={}",
        service,
        id,
        details.keySet(),
        actor);
    return saved;
  }

  /**
   * Starts draining an endpoint (ADR 0012): records the drain's start and keeps it ACTIVE; the
   * planner ramps its weight to 0 over the service's {@code drainDuration}, then the scheduler sets
   * it DRAINING. Idempotent: draining an endpoint that drains or is DRAINING changes nothing (also
   * when two drains race). A DISABLED one takes no traffic and is refused ({@link
   * ConflictException}). With a {@code drainDuration} of 0 the state becomes DRAINING at once.
   */
  public EndpointView drain(ServiceName service, EndpointId id, String actor) {
    ServiceConfig config = getService(service).value();
    Versioned<Endpoint> existing = getEndpoint(service, id);
    Endpoint e = existing.value();
    if (e.state() == EndpointState.DISABLED) {
      throw new ConflictException(
          "endpoint " + id + " is DISABLED and takes no traffic; there is nothing to drain");
    }
    if (e.state() == EndpointState.DRAINING || e.draining()) {
      return view(existing, config);
    }
    Instant now = clock.instant();
    boolean atOnce = config.drainDuration().isZero();
    Endpoint draining =
        atOnce ? e.withState(EndpointState.DRAINING) : e.withDrainStartedAt(Optional.of(now));
    Versioned<Endpoint> saved;
    try {
      saved = repository.saveEndpoint(draining, existing.version());
    } catch (ConflictException race) {
      Versioned<Endpoint> current = getEndpoint(service, id);
      if (current.value().state() == EndpointState.DRAINING || current.value().draining()) {
        return view(current, config); // another drain won: same outcome
      }
      throw race;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("endpoint", id.value());
    details.put("weight", Integer.toString(e.weight()));
    details.put("drainDuration", config.drainDuration().toString());
    details.put("version", Long.toString(saved.version()));
    if (atOnce) {
      details.put("state", "ACTIVE -> DRAINING");
    } else {
      details.put("drainStartedAt", now.toString());
      details.put("drainEndsAt", now.plus(config.drainDuration()).toString());
    }
    record(
        service,
        AuditEvent.Kind.ENDPOINT_CHANGED,
        actor,
        atOnce
            ? "endpoint " + id + " draining (drainDuration 0: out of the records at once)"
            : "endpoint "
                + id
                + " drain started: weight "
                + e.weight()
                + " ramps to 0 over "
                + config.drainDuration()
                + ", then state DRAINING",
        details);
    LOG.info(
        "endpoint drain started service={} endpoint={} duration={} actor={}",
        service,
        id,
        config.drainDuration(),
        actor);
    return new EndpointView(saved, DrainRamp.progress(saved.value(), config, now));
  }

  private EndpointView view(Versioned<Endpoint> v, ServiceConfig config) {
    return new EndpointView(v, DrainRamp.progress(v.value(), config, clock.instant()));
  }

  /** Deregisters an endpoint and removes its health records. */
  public void deleteEndpoint(
      ServiceName service, EndpointId id, OptionalLong ifMatch, String actor) {
    Versioned<Endpoint> existing = getEndpoint(service, id);
    checkIfMatch("endpoint " + id, ifMatch, existing.version());
    removeEndpoint(existing, actor);
  }

  private void removeEndpoint(Versioned<Endpoint> e, String actor) {
    Endpoint ep = e.value();
    repository.deleteEndpoint(ep.service(), ep.id(), e.version());
    health.deleteEndpoint(ep.service(), ep.id());
    record(
        ep.service(),
        AuditEvent.Kind.ENDPOINT_CHANGED,
        actor,
        "endpoint " + ep.id() + " deregistered",
        endpointDetails(ep, e.version()));
    LOG.info("endpoint deregistered service={} endpoint={} actor={}", ep.service(), ep.id(), actor);
  }

  // ---------------------------------------------------------------- audit log

  /** One page of the service's audit log, newest first. */
  public Page<AuditEvent> events(ServiceName service, Optional<String> cursor, int limit) {
    getService(service);
    return audit.list(service, cursor, limit);
  }

  // ---------------------------------------------------------------- rules

  private static void checkIfMatch(String what, OptionalLong ifMatch, long actual) {
    if (ifMatch.isPresent() && ifMatch.getAsLong() != actual) {
      throw new PreconditionFailedException(what, ifMatch.getAsLong(), actual);
    }
  }

  /**
   * The endpoint's address must fit the service: the address family matches the record type, and
   * the probe-target policy allows it. {@code typeField}/{@code privateField} name the field to
   * blame (the endpoint's address on registration, the service's setting on a config change).
   */
  private static void checkEndpointFits(
      Endpoint e, ServiceConfig config, String typeField, String privateField) {
    if (!config.recordType().accepts(e.address().kind())) {
      throw new InvalidValueException(
          typeField,
          "address".equals(typeField) ? e.address().value() : config.recordType(),
          "address "
              + e.address()
              + " of endpoint "
              + e.id()
              + " does not fit record type "
              + config.recordType());
    }
    try {
      TargetPolicy.check(e.address(), config.allowPrivateTargets());
    } catch (ForbiddenTargetException bad) {
      if ("address".equals(privateField)) {
        throw bad;
      }
      throw new ForbiddenTargetException(
          privateField,
          "allowPrivateTargets="
              + config.allowPrivateTargets()
              + " would forbid endpoint "
              + e.id()
              + ": "
              + bad.getMessage());
    }
  }

  private void record(
      ServiceName service,
      AuditEvent.Kind kind,
      String actor,
      String summary,
      Map<String, String> details) {
    audit.append(events.create(service, clock.instant(), kind, actor, summary, details));
  }

  private static Map<String, String> endpointDetails(Endpoint e, long version) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("endpoint", e.id().value());
    d.put("region", e.region().code());
    d.put("target", e.address() + ":" + e.port());
    d.put("state", e.state().name());
    d.put("weight", Integer.toString(e.weight()));
    d.put("version", Long.toString(version));
    return d;
  }

  private static Map<String, String> diff(Endpoint a, Endpoint b) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("endpoint", a.id().value());
    put(d, "weight", a.weight(), b.weight());
    put(d, "capacity", a.capacity(), b.capacity());
    put(d, "state", a.state(), b.state());
    put(
        d,
        "drainStartedAt",
        a.drainStartedAt().map(Object::toString).orElse("none"),
        b.drainStartedAt().map(Object::toString).orElse("none"));
    put(d, "healthPath", a.healthPath(), b.healthPath());
    put(d, "expectedStatus", a.expectedStatus(), b.expectedStatus());
    put(d, "bodyContains", a.bodyContains().orElse(""), b.bodyContains().orElse(""));
    put(d, "hostHeader", a.hostHeader().orElse(""), b.hostHeader().orElse(""));
    put(d, "tlsVerify", a.tlsVerify(), b.tlsVerify());
    return d;
  }

  private static void put(Map<String, String> d, String key, Object from, Object to) {
    if (!from.equals(to)) {
      d.put(key, shorten(from) + " -> " + shorten(to));
    }
  }

  private static String shorten(Object o) {
    String s = String.valueOf(o);
    return s.length() > 64 ? s.substring(0, 61) + "..." : s;
  }
}
