package dev.meridian.contract;

import static dev.meridian.contract.Fixtures.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EndpointRepository} guarantees. Run by the in-memory fake and by the DynamoDB
 * adapter (dynalite, and LocalStack when Docker exists) with the same assertions.
 */
public abstract class EndpointRepositoryContract {
  protected EndpointRepository repo;

  /** A repository over an empty or shared store (tests use unique service names). */
  protected abstract EndpointRepository newRepository();

  @BeforeEach
  void setUpRepository() {
    repo = newRepository();
  }

  @Test
  void savedService_roundTripsEveryField_withVersionOne() {
    ServiceConfig config = Fixtures.config(Fixtures.uniqueService());

    Versioned<ServiceConfig> saved = repo.saveService(config, Versioned.NEW);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(repo.findService(config.name())).contains(new Versioned<>(config, 1));
  }

  @Test
  void findService_isEmptyForAnUnknownService() {
    assertThat(repo.findService(Fixtures.uniqueService())).isEmpty();
  }

  @Test
  void createOfAnExistingService_isAConflict_andKeepsTheStoredOne() {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.config(name), Versioned.NEW);

    assertThatThrownBy(() -> repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW))
        .isInstanceOf(ConflictException.class);
    assertThat(repo.findService(name).orElseThrow().value()).isEqualTo(Fixtures.config(name));
  }

  @Test
  void updateWithTheCurrentVersion_incrementsIt() {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW);
    ServiceConfig changed =
        Fixtures.simpleConfig(name).toBuilder().ttl(Duration.ofSeconds(5)).build();

    Versioned<ServiceConfig> saved = repo.saveService(changed, 1);

    assertThat(saved.version()).isEqualTo(2);
    assertThat(repo.findService(name)).contains(new Versioned<>(changed, 2));
  }

  @Test
  void updateWithAStaleVersion_isAConflict_neverASilentOverwrite() {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW);
    repo.saveService(Fixtures.simpleConfig(name).toBuilder().quorum(1).build(), 1);

    assertThatThrownBy(
            () -> repo.saveService(Fixtures.simpleConfig(name).toBuilder().quorum(3).build(), 1))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 2");
    assertThat(repo.findService(name).orElseThrow().value().quorum()).isEqualTo(1);
  }

  @Test
  void updateOfAMissingService_isNotFound() {
    assertThatThrownBy(() -> repo.saveService(Fixtures.simpleConfig(Fixtures.uniqueService()), 3))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void negativeExpectedVersion_isRejected() {
    assertThatThrownBy(() -> repo.saveService(Fixtures.simpleConfig(Fixtures.uniqueService()), -1))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void racingWritersFromTheSameVersion_exactlyOneWins() throws Exception {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW);

    Races.Outcome outcome =
        Races.run(
            8,
            i ->
                repo.saveService(Fixtures.simpleConfig(name).toBuilder().quorum(i + 1).build(), 1));

    assertThat(outcome.successes()).isEqualTo(1);
    assertThat(outcome.failures()).hasSize(7).allMatch(ConflictException.class::isInstance);
    assertThat(repo.findService(name).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void racingCreates_exactlyOneWins() throws Exception {
    ServiceName name = Fixtures.uniqueService();

    Races.Outcome outcome =
        Races.run(6, i -> repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW));

    assertThat(outcome.successes()).isEqualTo(1);
    assertThat(outcome.failures()).allMatch(ConflictException.class::isInstance);
  }

  @Test
  void listServices_containsSavedServices_sortedByName() {
    ServiceName b = ServiceName.of("b-" + Fixtures.uniqueService().value());
    ServiceName a = ServiceName.of("a-" + Fixtures.uniqueService().value());
    repo.saveService(Fixtures.simpleConfig(b), Versioned.NEW);
    repo.saveService(Fixtures.simpleConfig(a), Versioned.NEW);

    List<ServiceName> names = repo.listServices().stream().map(v -> v.value().name()).toList();

    assertThat(names).contains(a, b).isSorted();
    assertThat(names.indexOf(a)).isLessThan(names.indexOf(b));
  }

  @Test
  void listServices_doesNotListEndpointsAsServices() {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW);
    repo.saveEndpoint(Fixtures.endpoint(name, "a", US_EAST_1, "192.0.2.1"), Versioned.NEW);

    assertThat(repo.listServices().stream().filter(v -> v.value().name().equals(name))).hasSize(1);
  }

  @Test
  void deleteService_isRefusedWhileEndpointsRemain() {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW);
    repo.saveEndpoint(Fixtures.endpoint(name, "a", US_EAST_1, "192.0.2.1"), Versioned.NEW);

    assertThatThrownBy(() -> repo.deleteService(name, 1))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("endpoint");
    assertThat(repo.findService(name)).isPresent();

    repo.deleteEndpoint(name, EndpointId.of("a"), 1);
    repo.deleteService(name, 1);
    assertThat(repo.findService(name)).isEmpty();
  }

  @Test
  void deleteService_withAStaleVersion_isAConflict_andAMissingOne_isNotFound() {
    ServiceName name = Fixtures.uniqueService();
    repo.saveService(Fixtures.simpleConfig(name), Versioned.NEW);
    repo.saveService(Fixtures.simpleConfig(name), 1);

    assertThatThrownBy(() -> repo.deleteService(name, 1)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repo.deleteService(Fixtures.uniqueService(), 1))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> repo.deleteService(name, 0)).isInstanceOf(InvalidValueException.class);
    assertThat(repo.findService(name)).isPresent();
  }

  @Test
  void savedEndpoint_roundTripsEveryField() {
    ServiceName name = Fixtures.uniqueService();
    Endpoint rich = Fixtures.richEndpoint(name, "eu-1");
    Endpoint plain = Fixtures.endpoint(name, "us-1", US_EAST_1, "app.us.example.com");

    repo.saveEndpoint(rich, Versioned.NEW);
    repo.saveEndpoint(plain, Versioned.NEW);

    assertThat(repo.findEndpoint(name, EndpointId.of("eu-1"))).contains(new Versioned<>(rich, 1));
    assertThat(repo.findEndpoint(name, EndpointId.of("us-1"))).contains(new Versioned<>(plain, 1));
    assertThat(repo.findEndpoint(name, EndpointId.of("nope"))).isEmpty();
  }

  @Test
  void drainingEndpoint_roundTripsItsDrainStart_andACancelClearsIt() {
    ServiceName name = Fixtures.uniqueService();
    Instant started = Instant.parse("2026-03-01T12:00:00.123Z");
    Endpoint draining =
        Fixtures.endpoint(name, "us-1", US_EAST_1, "app.us.example.com")
            .withDrainStartedAt(Optional.of(started));

    repo.saveEndpoint(draining, Versioned.NEW);
    assertThat(repo.findEndpoint(name, EndpointId.of("us-1")))
        .contains(new Versioned<>(draining, 1));
    assertThat(repo.listEndpoints(name).get(0).value().drainStartedAt()).contains(started);

    Endpoint cancelled = draining.withDrainStartedAt(Optional.empty());
    repo.saveEndpoint(cancelled, 1);
    assertThat(repo.findEndpoint(name, EndpointId.of("us-1")))
        .contains(new Versioned<>(cancelled, 2));
  }

  @Test
  void listEndpoints_isSortedById_andScopedToTheService() {
    ServiceName name = Fixtures.uniqueService();
    ServiceName other = Fixtures.uniqueService();
    for (String id : List.of("c", "a-b", "a", "b")) {
      repo.saveEndpoint(Fixtures.endpoint(name, id, US_EAST_1, "192.0.2.1"), Versioned.NEW);
    }
    repo.saveEndpoint(Fixtures.endpoint(other, "a", US_EAST_1, "192.0.2.9"), Versioned.NEW);

    assertThat(repo.listEndpoints(name).stream().map(v -> v.value().id().value()))
        .containsExactly("a", "a-b", "b", "c");
    assertThat(repo.listEndpoints(Fixtures.uniqueService())).isEmpty();
  }

  @Test
  void endpointWrites_followTheSameVersionRules() {
    ServiceName name = Fixtures.uniqueService();
    Endpoint e = Fixtures.endpoint(name, "a", US_EAST_1, "192.0.2.1");
    repo.saveEndpoint(e, Versioned.NEW);

    assertThatThrownBy(() -> repo.saveEndpoint(e, Versioned.NEW))
        .isInstanceOf(ConflictException.class);
    assertThat(repo.saveEndpoint(e.withWeight(5), 1).version()).isEqualTo(2);
    assertThatThrownBy(() -> repo.saveEndpoint(e.withWeight(6), 1))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repo.deleteEndpoint(name, e.id(), 1))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> repo.deleteEndpoint(name, EndpointId.of("zz"), 1))
        .isInstanceOf(NotFoundException.class);
    assertThat(repo.findEndpoint(name, e.id()).orElseThrow().value().weight()).isEqualTo(5);

    repo.deleteEndpoint(name, e.id(), 2);
    assertThat(repo.findEndpoint(name, e.id())).isEmpty();
  }
}
