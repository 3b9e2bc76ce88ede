package dev.meridian.local.dns;

import dev.meridian.core.dns.RecordDiff;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.PlanChange;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.PublishResult;
import dev.meridian.core.port.StaleFencingTokenException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local mode's DNS: record sets per service held in memory, served by the {@link
 * EmbeddedDnsServer}. In local mode this <em>is</em> the published DNS state (it starts empty and
 * the scheduler's first reconcile fills it).
 *
 * <p>{@link #publish} diffs with the core's {@link RecordDiff}, applies the changes as one atomic
 * swap of an immutable snapshot and calls the listeners (the DNS server re-indexes) before it
 * returns, so answers change within the planning step that published them. Unlike Route 53 it can
 * check the scheduler's fencing token: a token lower than the highest it has seen is a paused
 * ex-lease-holder and is rejected with {@link StaleFencingTokenException}.
 */
public final class LocalDnsPublisher implements DnsPublisher, PublishedRecordSource {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDnsPublisher.class);

  private final List<Consumer<PublishedRecords>> listeners = new CopyOnWriteArrayList<>();
  private volatile PublishedRecords current = PublishedRecords.EMPTY;
  private long highestToken = Long.MIN_VALUE;

  @Override
  public List<DnsRecordSet> published(ServiceName service) {
    return current.of(service);
  }

  @Override
  public synchronized PublishResult publish(
      ServiceName service, List<DnsRecordSet> desired, long fencingToken) {
    if (fencingToken < highestToken) {
      LOG.warn(
          "dns.publish.rejected service={} reason=stale-fencing-token token={} highest={}",
          service,
          fencingToken,
          highestToken);
      throw new StaleFencingTokenException(fencingToken, highestToken);
    }
    highestToken = fencingToken;
    List<DnsRecordSet> before = current.of(service);
    List<PlanChange> changes = RecordDiff.diff(desired, before);
    if (changes.isEmpty()) {
      return PublishResult.unchanged(0);
    }
    Map<String, DnsRecordSet> byKey = new LinkedHashMap<>();
    before.forEach(r -> byKey.put(r.key(), r));
    for (PlanChange c : changes) {
      switch (c.action()) {
        case UPSERT -> byKey.put(c.record().key(), c.record());
        case DELETE -> byKey.remove(c.record().key());
      }
    }
    Map<ServiceName, List<DnsRecordSet>> next = new HashMap<>(current.byService());
    next.put(service, List.copyOf(byKey.values()));
    PublishedRecords snapshot = new PublishedRecords(next, current.serial() + 1);
    current = snapshot;
    listeners.forEach(l -> l.accept(snapshot));
    LOG.info(
        "dns.published service={} changes={} serial={} token={}",
        service,
        changes.size(),
        snapshot.serial(),
        fencingToken);
    return new PublishResult(
        changes, Optional.of("local-" + snapshot.serial()), 1, Optional.of(Duration.ZERO));
  }

  /** Forgets a deleted service's records (its zone stays until no service needs it). */
  public synchronized void remove(ServiceName service) {
    if (!current.byService().containsKey(service)) {
      return;
    }
    Map<ServiceName, List<DnsRecordSet>> next = new HashMap<>(current.byService());
    next.remove(service);
    PublishedRecords snapshot = new PublishedRecords(next, current.serial() + 1);
    current = snapshot;
    listeners.forEach(l -> l.accept(snapshot));
  }

  @Override
  public PublishedRecords current() {
    return current;
  }

  @Override
  public void subscribe(Consumer<PublishedRecords> listener) {
    listeners.add(listener);
  }
}
