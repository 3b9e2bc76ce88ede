package dev.meridian.contract;

import static dev.meridian.contract.Fixtures.T0;
import static dev.meridian.contract.Fixtures.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.health.DeltaHealthWriter;
import dev.meridian.core.health.HealthWritePolicy;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.StoreUnavailableException;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delta-write policy end to end over a real {@link HealthStore}: what reaches the store, what
 * is saved, and that a failed write is retried next round. Run over the fake and the DynamoDB
 * adapter.
 */
public abstract class DeltaHealthWriterContract {
  private static final HealthWritePolicy POLICY =
      new HealthWritePolicy(Duration.ofSeconds(60), 0.5);

  private HealthStore store;
  private FailOnce failing;
  private DeltaHealthWriter writer;
  private final Map<String, Long> counters = new ConcurrentHashMap<>();
  private ServiceName s;

  protected abstract HealthStore newStore();

  @BeforeEach
  void setUpWriter() {
    store = newStore();
    failing = new FailOnce(store);
    counters.clear();
    MeridianMetrics metrics =
        new MeridianMetrics() {
          @Override
          public void increment(String metric, long amount) {
            counters.merge(metric, amount, Long::sum);
          }

          @Override
          public void gauge(String metric, double value) {}
        };
    writer = new DeltaHealthWriter(failing, POLICY, metrics);
    s = Fixtures.uniqueService();
  }

  private VantageHealth rec(String ep, HealthState state, Instant at, double latency) {
    VantageHealth h = Fixtures.health(s, ep, US_EAST_1, state, at);
    return new VantageHealth(
        h.service(),
        h.endpoint(),
        h.vantage(),
        h.state(),
        h.consecutiveOk(),
        h.consecutiveFail(),
        h.lastProbeAt(),
        h.lastTransitionAt(),
        h.upSince(),
        h.penalty(),
        h.penaltyAt(),
        h.suppressed(),
        latency,
        h.lastFailure());
  }

  @Test
  void theFirstRound_writesEveryRecord() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40), rec("b", HealthState.UP, T0, 40)), T0);

    assertThat(store.list(s)).hasSize(2);
    assertThat(writer.writesDone()).isEqualTo(2);
    assertThat(writer.writesSaved()).isZero();
  }

  @Test
  void unchangedRecords_withinTheHeartbeat_areNotWritten() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40)), T0);

    for (int i = 1; i <= 5; i++) {
      Instant t = T0.plusSeconds(10L * i);
      writer.submit(List.of(rec("a", HealthState.UP, t, 41)), t);
    }

    assertThat(writer.writesDone()).isEqualTo(1);
    assertThat(writer.writesSaved()).isEqualTo(5);
    assertThat(store.list(s))
        .singleElement()
        .satisfies(h -> assertThat(h.lastProbeAt()).isEqualTo(T0));
    assertThat(counters)
        .containsEntry(MetricNames.HEALTH_WRITES, 1L)
        .containsEntry(MetricNames.HEALTH_WRITES_SAVED, 5L);
  }

  @Test
  void aStateChange_isWrittenAtOnce() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40)), T0);
    Instant t = T0.plusSeconds(10);

    writer.submit(List.of(rec("a", HealthState.DOWN, t, 40)), t);

    assertThat(store.list(s))
        .singleElement()
        .satisfies(h -> assertThat(h.state()).isEqualTo(HealthState.DOWN));
  }

  @Test
  void aLatencyMoveBeyondTheFraction_isWritten_aSmallerOneIsNot() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40)), T0);
    Instant t1 = T0.plusSeconds(10);
    writer.submit(List.of(rec("a", HealthState.UP, t1, 59)), t1);
    Instant t2 = T0.plusSeconds(20);
    writer.submit(List.of(rec("a", HealthState.UP, t2, 61)), t2);

    assertThat(writer.writesDone()).isEqualTo(2);
    assertThat(store.list(s).get(0).latencyEwmaMillis()).isEqualTo(61);
  }

  @Test
  void theHeartbeat_writesAnUnchangedRecord() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40)), T0);
    Instant t = T0.plusSeconds(60);

    writer.submit(List.of(rec("a", HealthState.UP, t, 40)), t);

    assertThat(store.list(s).get(0).lastProbeAt()).isEqualTo(t);
  }

  @Test
  void aFailedWrite_marksNothing_andIsRetriedNextRound() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40)), T0);
    failing.failNext.set(true);
    Instant t1 = T0.plusSeconds(10);

    assertThatThrownBy(() -> writer.submit(List.of(rec("a", HealthState.DOWN, t1, 40)), t1))
        .isInstanceOf(StoreUnavailableException.class);
    Instant t2 = T0.plusSeconds(20);
    writer.submit(List.of(rec("a", HealthState.DOWN, t2, 40)), t2);

    assertThat(store.list(s))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.state()).isEqualTo(HealthState.DOWN);
              assertThat(h.lastProbeAt()).isEqualTo(t2);
            });
    assertThat(writer.writesDone()).isEqualTo(2);
  }

  @Test
  void aManyEndpointRound_isOnePutAll_ofOnlyTheChangedRecords() {
    List<VantageHealth> round =
        java.util.stream.IntStream.range(0, 60)
            .mapToObj(i -> rec(String.format("e%02d", i), HealthState.UP, T0, 40))
            .toList();
    writer.submit(round, T0);
    Instant t = T0.plusSeconds(10);
    List<VantageHealth> next =
        java.util.stream.IntStream.range(0, 60)
            .mapToObj(
                i ->
                    rec(
                        String.format("e%02d", i),
                        i < 3 ? HealthState.DOWN : HealthState.UP,
                        t,
                        40))
            .toList();

    failing.calls = 0;
    writer.submit(next, t);

    assertThat(failing.calls).isEqualTo(1);
    assertThat(failing.lastBatch).hasSize(3);
    assertThat(writer.writesSaved()).isEqualTo(57);
    assertThat(store.list(s)).filteredOn(h -> h.state() == HealthState.DOWN).hasSize(3);
  }

  @Test
  void forget_makesTheNextRecordOfThatEndpointAWrite() {
    writer.submit(List.of(rec("a", HealthState.UP, T0, 40)), T0);
    writer.forget(s, EndpointId.of("a"));
    Instant t = T0.plusSeconds(5);

    writer.submit(List.of(rec("a", HealthState.UP, t, 40)), t);

    assertThat(writer.writesDone()).isEqualTo(2);
  }

  /** Passes through to the store, failing the next putAll on demand; counts calls. */
  static final class FailOnce implements HealthStore {
    final HealthStore delegate;
    final AtomicBoolean failNext = new AtomicBoolean();
    int calls;
    List<VantageHealth> lastBatch = List.of();

    FailOnce(HealthStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void putAll(Collection<VantageHealth> records) {
      calls++;
      lastBatch = List.copyOf(records);
      if (failNext.getAndSet(false)) {
        throw new StoreUnavailableException("injected", null);
      }
      delegate.putAll(records);
    }

    @Override
    public List<VantageHealth> list(ServiceName service) {
      return delegate.list(service);
    }

    @Override
    public void deleteEndpoint(ServiceName service, EndpointId endpoint) {
      delegate.deleteEndpoint(service, endpoint);
    }
  }
}
