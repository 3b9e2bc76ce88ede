package dev.meridian.app.registry;

import static dev.meridian.app.ControlFixture.SERVICE;
import static dev.meridian.app.ControlFixture.USE1;
import static dev.meridian.app.ControlFixture.endpointIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.ControlFixture;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.plan.DrainRamp;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link RegistryService#drain} (ADR 0012): starts the ramp, idempotent, refuses DISABLED. */
class RegistryServiceDrainTest {
  private final ControlFixture f = new ControlFixture().registerHealthyService();
  private final RegistryService registry =
      new RegistryService(f.endpoints, f.health, f.audit, f.events, f.clock);
  private final EndpointId us = endpointIn(USE1);

  private long endpointEvents() {
    return f.audit(AuditEvent.Kind.ENDPOINT_CHANGED).size();
  }

  @Test
  void drain_recordsTheStart_keepsTheEndpointActive_andAuditsOnce() {
    Instant t = f.clock.instant();

    RegistryService.EndpointView v = registry.drain(SERVICE, us, "alice");

    assertThat(v.stored().value().state()).isEqualTo(EndpointState.ACTIVE);
    assertThat(v.stored().value().drainStartedAt()).contains(t);
    assertThat(v.stored().value().weight()).isEqualTo(100);
    assertThat(v.stored().version()).isEqualTo(2);
    DrainRamp.Progress p = v.drain().orElseThrow();
    assertThat(p.startedAt()).isEqualTo(t);
    assertThat(p.endsAt()).isEqualTo(t.plusSeconds(120));
    assertThat(p.effectiveWeight()).isEqualTo(100.0);
    assertThat(p.complete()).isFalse();
    assertThat(endpointEvents()).isEqualTo(1);
    AuditEvent e = f.audit(AuditEvent.Kind.ENDPOINT_CHANGED).get(0);
    assertThat(e.actor()).isEqualTo("alice");
    assertThat(e.summary())
        .isEqualTo(
            "endpoint ep-us-east-1 drain started: weight 100 ramps to 0 over PT2M, then"
                + " state DRAINING");
    assertThat(e.details()).containsEntry("drainEndsAt", t.plusSeconds(120).toString());
  }

  @Test
  void drainAgain_whileRamping_changesNothing_andShowsTheProgress() {
    registry.drain(SERVICE, us, "alice");
    f.clock.advance(Duration.ofSeconds(90));

    RegistryService.EndpointView again = registry.drain(SERVICE, us, "bob");

    assertThat(again.stored().version()).isEqualTo(2);
    assertThat(again.drain().orElseThrow().effectiveWeight()).isEqualTo(25.0);
    assertThat(registry.getEndpointView(SERVICE, us).drain().orElseThrow().remaining())
        .isEqualTo(0.25);
    assertThat(endpointEvents()).isEqualTo(1);
  }

  @Test
  void drainOfADrainingEndpoint_changesNothing() {
    registry.updateEndpoint(
        SERVICE, us, e -> e.withState(EndpointState.DRAINING), OptionalLong.empty(), "alice");

    RegistryService.EndpointView v = registry.drain(SERVICE, us, "alice");

    assertThat(v.stored().value().state()).isEqualTo(EndpointState.DRAINING);
    assertThat(v.stored().version()).isEqualTo(2);
    assertThat(v.drain()).isEmpty();
    assertThat(endpointEvents()).isEqualTo(1);
  }

  @Test
  void drainOfADisabledEndpoint_isAConflict_andWritesNothing() {
    registry.updateEndpoint(
        SERVICE, us, e -> e.withState(EndpointState.DISABLED), OptionalLong.empty(), "alice");

    assertThatThrownBy(() -> registry.drain(SERVICE, us, "alice"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("DISABLED");
    assertThat(f.endpoints.findEndpoint(SERVICE, us).map(Versioned::version)).contains(2L);
  }

  @Test
  void drainOfAnUnknownEndpointOrService_isNotFound() {
    assertThatThrownBy(() -> registry.drain(SERVICE, EndpointId.of("nope"), "alice"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> registry.drain(ServiceName.of("other.example.com"), us, "alice"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void zeroDrainDuration_drainsAtOnce() {
    var cfg = f.endpoints.findService(SERVICE).orElseThrow();
    f.endpoints.saveService(
        cfg.value().toBuilder().drainDuration(Duration.ZERO).build(), cfg.version());

    RegistryService.EndpointView v = registry.drain(SERVICE, us, "alice");

    assertThat(v.stored().value().state()).isEqualTo(EndpointState.DRAINING);
    assertThat(v.drain()).isEmpty();
    assertThat(f.audit(AuditEvent.Kind.ENDPOINT_CHANGED).get(0).details())
        .containsEntry("state", "ACTIVE -> DRAINING");
  }

  @Test
  void racingDrains_theLoserReturnsTheWinnersDrain() {
    // Another drain lands between this drain's read and its conditional write.
    EndpointRepository racing =
        new EndpointRepository() {
          boolean raced;

          @Override
          public Optional<Versioned<ServiceConfig>> findService(ServiceName name) {
            return f.endpoints.findService(name);
          }

          @Override
          public List<Versioned<ServiceConfig>> listServices() {
            return f.endpoints.listServices();
          }

          @Override
          public Versioned<ServiceConfig> saveService(ServiceConfig c, long expected) {
            return f.endpoints.saveService(c, expected);
          }

          @Override
          public void deleteService(ServiceName name, long expected) {
            f.endpoints.deleteService(name, expected);
          }

          @Override
          public Optional<Versioned<Endpoint>> findEndpoint(ServiceName s, EndpointId id) {
            return f.endpoints.findEndpoint(s, id);
          }

          @Override
          public List<Versioned<Endpoint>> listEndpoints(ServiceName s) {
            return f.endpoints.listEndpoints(s);
          }

          @Override
          public Versioned<Endpoint> saveEndpoint(Endpoint e, long expected) {
            if (!raced) {
              raced = true;
              Versioned<Endpoint> cur = f.endpoints.findEndpoint(e.service(), e.id()).orElseThrow();
              f.endpoints.saveEndpoint(
                  cur.value().withDrainStartedAt(Optional.of(Instant.EPOCH)), cur.version());
            }
            return f.endpoints.saveEndpoint(e, expected);
          }

          @Override
          public void deleteEndpoint(ServiceName s, EndpointId id, long expected) {
            f.endpoints.deleteEndpoint(s, id, expected);
          }
        };
    RegistryService loser = new RegistryService(racing, f.health, f.audit, f.events, f.clock);

    RegistryService.EndpointView v = loser.drain(SERVICE, us, "alice");

    assertThat(v.stored().value().drainStartedAt()).contains(Instant.EPOCH);
    assertThat(v.stored().version()).isEqualTo(2);
    assertThat(endpointEvents()).isZero();
  }

  @Test
  void patchToActive_cancelsTheDrain_andSaysSo() {
    registry.drain(SERVICE, us, "alice");

    Versioned<?> saved =
        registry.updateEndpoint(
            SERVICE,
            us,
            e -> e.withState(EndpointState.ACTIVE).withDrainStartedAt(Optional.empty()),
            OptionalLong.empty(),
            "bob");

    assertThat(registry.getEndpointView(SERVICE, us).drain()).isEmpty();
    assertThat(saved.version()).isEqualTo(3);
    AuditEvent cancel = f.audit(AuditEvent.Kind.ENDPOINT_CHANGED).get(1);
    assertThat(cancel.summary()).isEqualTo("endpoint ep-us-east-1 drain cancelled");
    assertThat(cancel.details()).containsKey("drainStartedAt");
  }
}
