package dev.meridian.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.aggregator.HealthChange;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.testing.fakes.InMemoryHealthStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedingHealthStoreTest {
  private static final ServiceName S = ServiceName.of("api.demo.test");
  private static final EndpointId E = EndpointId.of("us-east-1-a");
  private static final Region V = Region.of("us-west-2");
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private final InMemoryHealthStore delegate = new InMemoryHealthStore();
  private final HealthChangeFeed feed = new HealthChangeFeed();
  private final FeedingHealthStore store = new FeedingHealthStore(delegate, feed);

  private static VantageHealth record(HealthState state, Instant at) {
    return new VantageHealth(
        S,
        E,
        V,
        state,
        1,
        0,
        at,
        Optional.of(at),
        Optional.empty(),
        0,
        at,
        false,
        3.0,
        Optional.empty());
  }

  private List<HealthChange> drain() throws InterruptedException {
    return feed.take(100, Duration.ZERO);
  }

  @Test
  void eachWrite_isFedWithItsBeforeAndAfterImages_inOrder() throws InterruptedException {
    VantageHealth up = record(HealthState.UP, T0);
    VantageHealth down = record(HealthState.DOWN, T0.plusSeconds(2));
    store.putAll(List.of(up));
    store.putAll(List.of(down));

    List<HealthChange> changes = drain();
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).before()).isEmpty();
    assertThat(changes.get(0).after()).contains(up);
    assertThat(changes.get(1).before()).contains(up);
    assertThat(changes.get(1).after()).contains(down);
    assertThat(Long.parseLong(changes.get(1).id()))
        .isGreaterThan(Long.parseLong(changes.get(0).id()));
    assertThat(delegate.list(S)).containsExactly(down);
  }

  @Test
  void theFirstWriteAfterARestart_carriesTheStoredRecordAsBefore() throws InterruptedException {
    VantageHealth stored = record(HealthState.UP, T0);
    delegate.putAll(List.of(stored)); // written by a previous run
    store.putAll(List.of(record(HealthState.DOWN, T0.plusSeconds(5))));
    assertThat(drain()).singleElement().satisfies(c -> assertThat(c.before()).contains(stored));
  }

  @Test
  void deregistering_feedsRemovals() throws InterruptedException {
    store.putAll(List.of(record(HealthState.UP, T0)));
    drain();
    store.deleteEndpoint(S, E);
    assertThat(drain())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.after()).isEmpty();
              assertThat(c.before()).isPresent();
            });
    assertThat(delegate.list(S)).isEmpty();
  }

  @Test
  void aFailedWrite_feedsNothing() throws InterruptedException {
    delegate.failNextOn("putAll", new StoreUnavailableException("down", null));
    assertThatThrownBy(() -> store.putAll(List.of(record(HealthState.UP, T0))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(drain()).isEmpty();
  }
}
