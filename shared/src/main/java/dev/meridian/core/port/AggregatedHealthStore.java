package dev.meridian.core.port;

import dev.meridian.core.health.AggregatedHealth;
import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregator's explicit state per service: the verdicts it last announced, and the audit events
 * of the last announcement until they are known to be appended. Written with optimistic concurrency
 * by whichever aggregator detects a transition first; the loser of a race re-reads and finds
 * nothing left to announce (ADR 0010).
 */
public interface AggregatedHealthStore {
  /**
   * The stored state.
   *
   * @param verdicts the verdicts last announced
   * @param unrecorded audit events of the last announcement not yet known to be appended (appends
   *     are idempotent on their time and id, so they are appended again until the state is saved
   *     without them)
   */
  record State(AggregatedHealth verdicts, List<AuditEvent> unrecorded) {
    public State {
      Objects.requireNonNull(verdicts, "verdicts");
      unrecorded = List.copyOf(unrecorded);
    }

    public static State initial(ServiceName service) {
      return new State(AggregatedHealth.initial(service), List.of());
    }

    public State recorded() {
      return new State(verdicts, List.of());
    }
  }

  Optional<Versioned<State>> find(ServiceName service);

  /**
   * Stores the state if the stored version is {@code expectedVersion} ({@link Versioned#NEW}
   * creates); throws {@link ConflictException} (or {@link NotFoundException}) otherwise.
   */
  Versioned<State> save(State state, long expectedVersion);
}
