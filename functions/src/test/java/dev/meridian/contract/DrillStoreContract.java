package dev.meridian.contract;

import static dev.meridian.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.Drill;
import dev.meridian.core.model.DrillId;
import dev.meridian.core.model.DrillState;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DrillStore} guarantees; run by the fake and the DynamoDB adapter. */
public abstract class DrillStoreContract {
  protected DrillStore drills;

  protected abstract DrillStore newStore();

  @BeforeEach
  void setUpStore() {
    drills = newStore();
  }

  @Test
  void savedDrill_roundTripsEveryField_inEveryState() {
    ServiceName s = Fixtures.uniqueService();
    for (DrillState state : DrillState.values()) {
      Drill d = Fixtures.drill(s, "d-" + state.name().toLowerCase(), T0, state);
      drills.save(d, Versioned.NEW);
      assertThat(drills.find(s, d.id())).contains(new Versioned<>(d, 1));
    }
    assertThat(drills.find(s, new DrillId("none"))).isEmpty();
  }

  @Test
  void stateChanges_followTheVersionRules() {
    ServiceName s = Fixtures.uniqueService();
    Drill pending = Fixtures.drill(s, "d1", T0, DrillState.PENDING);
    drills.save(pending, Versioned.NEW);
    Drill active = pending.withState(DrillState.ACTIVE, "started", T0.plusSeconds(60));

    assertThat(drills.save(active, 1).version()).isEqualTo(2);
    assertThatThrownBy(
            () -> drills.save(pending.withState(DrillState.ABORTED, "late", T0.plusSeconds(61)), 1))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> drills.save(pending, Versioned.NEW))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> drills.save(Fixtures.drill(s, "d2", T0, DrillState.ACTIVE), 1))
        .isInstanceOf(NotFoundException.class);
    assertThat(drills.find(s, pending.id()).orElseThrow()).isEqualTo(new Versioned<>(active, 2));
  }

  @Test
  void list_isNewestFirst_andScopedToTheService() {
    ServiceName s = Fixtures.uniqueService();
    drills.save(Fixtures.drill(s, "old", T0, DrillState.COMPLETED), Versioned.NEW);
    drills.save(Fixtures.drill(s, "new", T0.plusSeconds(600), DrillState.PENDING), Versioned.NEW);
    drills.save(Fixtures.drill(s, "mid-a", T0.plusSeconds(300), DrillState.ACTIVE), Versioned.NEW);
    drills.save(Fixtures.drill(s, "mid-b", T0.plusSeconds(300), DrillState.ABORTED), Versioned.NEW);
    drills.save(
        Fixtures.drill(Fixtures.uniqueService(), "x", T0, DrillState.ACTIVE), Versioned.NEW);

    assertThat(drills.list(s).stream().map(v -> v.value().id().value()))
        .containsExactly("new", "mid-b", "mid-a", "old");
    assertThat(drills.list(Fixtures.uniqueService())).isEmpty();
  }

  @Test
  void racingStateChanges_exactlyOneWins() throws Exception {
    ServiceName s = Fixtures.uniqueService();
    Drill pending = Fixtures.drill(s, "race", T0, DrillState.PENDING);
    drills.save(pending, Versioned.NEW);

    Races.Outcome outcome =
        Races.run(
            5,
            i ->
                drills.save(
                    pending.withState(
                        i % 2 == 0 ? DrillState.ACTIVE : DrillState.ABORTED,
                        "writer " + i,
                        T0.plusSeconds(i)),
                    1));

    assertThat(outcome.successes()).isEqualTo(1);
    assertThat(outcome.failures()).allMatch(ConflictException.class::isInstance);
  }
}
