package dev.meridian.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.NotFoundException;
import dev.meridian.core.port.PlanStore;
import dev.meridian.core.port.PublishedPlan;
import dev.meridian.core.port.StaleFencingTokenException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PlanStore} guarantees; run by the fake and the DynamoDB adapter. */
public abstract class PlanStoreContract {
  protected PlanStore store;

  protected abstract PlanStore newStore();

  @BeforeEach
  void setUpStore() {
    store = newStore();
  }

  @Test
  void savedPlan_roundTripsEveryField() {
    ServiceName s = Fixtures.uniqueService();
    PublishedPlan p = Fixtures.published(s, 0, 3);

    assertThat(store.save(p, Versioned.NEW).version()).isEqualTo(1);

    assertThat(store.find(s)).contains(new Versioned<>(p, 1));
  }

  @Test
  void planWithoutChangeIdOrWarning_roundTrips() {
    ServiceName s = Fixtures.uniqueService();
    PublishedPlan p =
        new PublishedPlan(Fixtures.plan(s, 100, Fixtures.T0), Optional.empty(), Fixtures.T0, 1);

    store.save(p, Versioned.NEW);

    assertThat(store.find(s)).contains(new Versioned<>(p, 1));
    assertThat(store.find(Fixtures.uniqueService())).isEmpty();
  }

  @Test
  void aNewerOrEqualToken_withTheCurrentVersion_isAccepted() {
    ServiceName s = Fixtures.uniqueService();
    store.save(Fixtures.published(s, 10, 3), Versioned.NEW);

    assertThat(store.save(Fixtures.published(s, 20, 3), 1).version()).isEqualTo(2);
    assertThat(store.save(Fixtures.published(s, 30, 7), 2).version()).isEqualTo(3);
    assertThat(store.find(s).orElseThrow().value().fencingToken()).isEqualTo(7);
  }

  @Test
  void aStaleFencingToken_isRejected_andTheStoredPlanStays() {
    ServiceName s = Fixtures.uniqueService();
    store.save(Fixtures.published(s, 10, 5), Versioned.NEW);

    assertThatThrownBy(() -> store.save(Fixtures.published(s, 99, 4), 1))
        .isInstanceOfSatisfying(
            StaleFencingTokenException.class,
            e -> {
              assertThat(e.presented()).isEqualTo(4);
              assertThat(e.current()).isEqualTo(5);
            });
    assertThat(store.find(s).orElseThrow())
        .isEqualTo(new Versioned<>(Fixtures.published(s, 10, 5), 1));
  }

  @Test
  void aStaleToken_winsOverAStaleVersion_asTheReason() {
    ServiceName s = Fixtures.uniqueService();
    store.save(Fixtures.published(s, 10, 5), Versioned.NEW);
    store.save(Fixtures.published(s, 11, 5), 1);

    assertThatThrownBy(() -> store.save(Fixtures.published(s, 12, 2), 1))
        .isInstanceOf(StaleFencingTokenException.class);
    assertThatThrownBy(() -> store.save(Fixtures.published(s, 12, 2), Versioned.NEW))
        .isInstanceOf(StaleFencingTokenException.class);
  }

  @Test
  void aStaleVersion_withAGoodToken_isAConflict() {
    ServiceName s = Fixtures.uniqueService();
    store.save(Fixtures.published(s, 10, 5), Versioned.NEW);
    store.save(Fixtures.published(s, 11, 5), 1);

    assertThatThrownBy(() -> store.save(Fixtures.published(s, 12, 6), 1))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.save(Fixtures.published(s, 12, 6), Versioned.NEW))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void updateOfAMissingPlan_isNotFound() {
    assertThatThrownBy(() -> store.save(Fixtures.published(Fixtures.uniqueService(), 1, 1), 4))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void racingPublishersFromTheSameVersion_exactlyOneWins() throws Exception {
    ServiceName s = Fixtures.uniqueService();
    store.save(Fixtures.published(s, 10, 1), Versioned.NEW);

    Races.Outcome outcome = Races.run(6, i -> store.save(Fixtures.published(s, 20 + i, 2), 1));

    assertThat(outcome.successes()).isEqualTo(1);
    assertThat(outcome.failures()).allMatch(ConflictException.class::isInstance);
  }
}
