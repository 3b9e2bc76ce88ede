package dev.meridian.contract;

import static dev.meridian.contract.Fixtures.AP_SOUTHEAST_2;
import static dev.meridian.contract.Fixtures.EU_WEST_1;
import static dev.meridian.contract.Fixtures.T0;
import static dev.meridian.contract.Fixtures.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.HealthStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link HealthStore} guarantees; run by the fake and the DynamoDB adapter. */
public abstract class HealthStoreContract {
  protected HealthStore store;

  protected abstract HealthStore newStore();

  @BeforeEach
  void setUpStore() {
    store = newStore();
  }

  @Test
  void putAll_thenList_roundTripsEveryField_sortedByEndpointThenVantage() {
    ServiceName s = Fixtures.uniqueService();
    VantageHealth bUs = Fixtures.health(s, "b", US_EAST_1, HealthState.DOWN, T0);
    VantageHealth aEu = Fixtures.health(s, "a", EU_WEST_1, HealthState.UP, T0);
    VantageHealth aAp = Fixtures.health(s, "a", AP_SOUTHEAST_2, HealthState.UNKNOWN, T0);
    VantageHealth initial = VantageHealth.initial(s, EndpointId.of("c"), US_EAST_1, T0);

    store.putAll(List.of(bUs, aEu, aAp, initial));

    assertThat(store.list(s)).containsExactly(aAp, aEu, bUs, initial);
  }

  @Test
  void list_isEmptyForAnUnknownService_andScopedToItsService() {
    ServiceName s = Fixtures.uniqueService();
    ServiceName longer = ServiceName.of("x." + s.value());
    store.putAll(List.of(Fixtures.health(longer, "a", US_EAST_1, HealthState.UP, T0)));

    assertThat(store.list(s)).isEmpty();
    assertThat(store.list(longer)).hasSize(1);
  }

  @Test
  void aLaterPut_replacesTheVantagesRecord_lastWriteWins() {
    ServiceName s = Fixtures.uniqueService();
    store.putAll(List.of(Fixtures.health(s, "a", US_EAST_1, HealthState.UP, T0)));
    VantageHealth later = Fixtures.health(s, "a", US_EAST_1, HealthState.DOWN, T0.plusSeconds(10));

    store.putAll(List.of(later));

    assertThat(store.list(s)).containsExactly(later);
  }

  @Test
  void duplicateKeysInOneCall_keepTheLastRecord() {
    ServiceName s = Fixtures.uniqueService();
    VantageHealth first = Fixtures.health(s, "a", US_EAST_1, HealthState.UP, T0);
    VantageHealth second = Fixtures.health(s, "a", US_EAST_1, HealthState.DOWN, T0.plusSeconds(1));

    store.putAll(List.of(first, second));

    assertThat(store.list(s)).containsExactly(second);
  }

  @Test
  void putAll_writesMoreThanOneBatch() {
    ServiceName s = Fixtures.uniqueService();
    List<VantageHealth> records = new ArrayList<>();
    for (int i = 0; i < 61; i++) {
      records.add(Fixtures.health(s, String.format("e%03d", i), US_EAST_1, HealthState.UP, T0));
    }

    store.putAll(records);

    assertThat(store.list(s)).containsExactlyElementsOf(records);
  }

  @Test
  void putAll_ofNothing_writesNothing() {
    ServiceName s = Fixtures.uniqueService();
    store.putAll(List.of());
    assertThat(store.list(s)).isEmpty();
  }

  @Test
  void deleteEndpoint_removesEveryVantageOfThatEndpointOnly() {
    ServiceName s = Fixtures.uniqueService();
    List<VantageHealth> records = new ArrayList<>();
    for (String ep : List.of("a", "a-b", "ab")) {
      for (Region v : List.of(US_EAST_1, EU_WEST_1)) {
        records.add(Fixtures.health(s, ep, v, HealthState.UP, T0));
      }
    }
    store.putAll(records);

    store.deleteEndpoint(s, EndpointId.of("a"));

    assertThat(store.list(s).stream().map(h -> h.endpoint().value()))
        .containsExactly("a-b", "a-b", "ab", "ab");
    store.deleteEndpoint(s, EndpointId.of("missing"));
    assertThat(store.list(s)).hasSize(4);
  }

  @Test
  void optionalFields_roundTripWhenAbsent() {
    ServiceName s = Fixtures.uniqueService();
    VantageHealth bare =
        new VantageHealth(
            s,
            EndpointId.of("a"),
            US_EAST_1,
            HealthState.UNKNOWN,
            0,
            1,
            T0,
            Optional.empty(),
            Optional.empty(),
            0,
            T0,
            true,
            0,
            Optional.empty());

    store.putAll(List.of(bare));

    assertThat(store.list(s)).containsExactly(bare);
  }
}
