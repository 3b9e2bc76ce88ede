package dev.meridian.app.aggregator;

import dev.meridian.core.model.ServiceName;
import java.util.List;
import java.util.Set;

/**
 * What one batch of health changes caused.
 *
 * @param transitions endpoint and region verdict changes, in order
 * @param triggered services the scheduler was asked to run for
 * @param failed ids of the changes that were not processed: the first one that failed and every
 *     change after it (a stream shard is processed in order, so all of them must be redelivered)
 */
public record AggregationResult(
    List<Transition> transitions, Set<ServiceName> triggered, List<String> failed) {
  public AggregationResult {
    transitions = List.copyOf(transitions);
    triggered = Set.copyOf(triggered);
    failed = List.copyOf(failed);
  }
}
