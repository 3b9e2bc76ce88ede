package dev.meridian.testing.fakes;

import dev.meridian.core.dns.RecordDiff;
import dev.meridian.core.dns.RecordSets;
import dev.meridian.core.model.ChangeAction;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.StaleFencingTokenException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link DnsPublisher} in memory: keeps the published record sets per service (the ones Meridian
 * owns) and records every {@link #publish} call. Publishing diffs {@code desired} against what is
 * published with the core's {@code RecordDiff.diff}, applies the changes and returns them; when
 * nothing differs it changes nothing and returns no change id (steady state). A fencing token lower
 * than the highest one this fake has seen for the service is rejected with {@link
 * StaleFencingTokenException}, like the local publisher. {@code apiCalls} counts one read plus one
 * change batch when there are changes. Thread safe.
 */
public final class InMemoryDnsPublisher extends FaultInjection implements DnsPublisher {

  /** One {@link #publish} call: its arguments and what it did (empty result when it threw). */
  public record PublishCall(
      ServiceName service,
      List<DnsRecordSet> desired,
      long fencingToken,
      Optional<PublishResult> result) {
    public PublishCall {
      desired = List.copyOf(desired);
    }
  }

  private final Map<ServiceName, Map<String, DnsRecordSet>> published = new HashMap<>();
  private final Map<ServiceName, Long> highestToken = new HashMap<>();
  private final List<PublishCall> calls = new ArrayList<>();
  private long changeCounter;

  @Override
  public synchronized List<DnsRecordSet> published(ServiceName service) {
    beforeCall("published");
    return published.getOrDefault(service, Map.of()).values().stream()
        .filter(RecordSets::isOwned)
        .toList();
  }

  @Override
  public synchronized PublishResult publish(
      ServiceName service, List<DnsRecordSet> desired, long fencingToken) {
    try {
      beforeCall("publish");
      long highest = highestToken.getOrDefault(service, Long.MIN_VALUE);
      if (fencingToken < highest) {
        throw new StaleFencingTokenException(fencingToken, highest);
      }
      highestToken.put(service, fencingToken);
      Map<String, DnsRecordSet> current = published.computeIfAbsent(service, k -> new TreeMap<>());
      List<PlanChange> changes = RecordDiff.diff(desired, new ArrayList<>(current.values()));
      if (changes.isEmpty()) {
        PublishResult r = PublishResult.unchanged(1);
        calls.add(new PublishCall(service, desired, fencingToken, Optional.of(r)));
        return r;
      }
      for (PlanChange c : changes) {
        if (c.action() == ChangeAction.DELETE) {
          current.remove(c.record().key());
        } else {
          current.put(c.record().key(), c.record());
        }
      }
      String changeId = "C" + String.format("%012d", ++changeCounter);
      PublishResult r = new PublishResult(changes, Optional.of(changeId), 2, Optional.empty());
      calls.add(new PublishCall(service, desired, fencingToken, Optional.of(r)));
      return r;
    } catch (RuntimeException e) {
      calls.add(new PublishCall(service, desired, fencingToken, Optional.empty()));
      throw e;
    }
  }

  /**
   * Sets what is published for the service, as if someone had published it before; record sets
   * Meridian does not own ({@code RecordSets.isOwned}) stand for foreign records: {@link
   * #published} hides them and publishing never changes them.
   */
  public synchronized void seed(ServiceName service, Collection<DnsRecordSet> records) {
    Map<String, DnsRecordSet> m = new TreeMap<>();
    records.forEach(r -> m.put(r.key(), r));
    published.put(service, m);
  }

  /** Everything under the service's names, foreign record sets included, sorted by key. */
  public synchronized List<DnsRecordSet> allRecords(ServiceName service) {
    return new ArrayList<>(published.getOrDefault(service, Map.of()).values());
  }

  /** Every publish call so far, oldest first (including those that failed). */
  public synchronized List<PublishCall> publishCalls() {
    return List.copyOf(calls);
  }

  /** The publish calls for one service, oldest first. */
  public synchronized List<PublishCall> publishCalls(ServiceName service) {
    return calls.stream().filter(c -> c.service().equals(service)).toList();
  }

  /** Publish calls that changed something (sent a change batch). */
  public synchronized long changeBatches() {
    return calls.stream()
        .filter(c -> c.result().map(r -> !r.changes().isEmpty()).orElse(false))
        .count();
  }

  /** Forgets the recorded calls (not the published records). */
  public synchronized void clearCalls() {
    calls.clear();
  }
}
