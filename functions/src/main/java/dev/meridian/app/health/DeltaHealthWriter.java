package dev.meridian.app.health;

import dev.meridian.core.health.HealthWritePolicy;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.HealthStore;
import dev.meridian.observability.MeridianMetrics;
import dev.meridian.observability.MetricNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a probe region's vantage records only when the core's {@link HealthWritePolicy} says they
 * are worth a write (state or suppression change, a latency move beyond the configured fraction, or
 * the heartbeat), in one {@link HealthStore#putAll} per round (batches of 25 on DynamoDB). It
 * remembers what it last wrote per (service, endpoint, vantage); a failed write marks nothing, so
 * the same records are written again next round. Counts writes done and saved, and reports them as
 * {@code HealthWrites} / {@code HealthWritesSaved}. Thread safe.
 */
public final class DeltaHealthWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaHealthWriter.class);

  private record Key(ServiceName service, EndpointId endpoint, Region vantage) {
    static Key of(VantageHealth h) {
      return new Key(h.service(), h.endpoint(), h.vantage());
    }
  }

  private final HealthStore store;
  private final HealthWritePolicy policy;
  private final MeridianMetrics metrics;
  private final Map<Key, VantageHealth> lastWritten = new HashMap<>();
  private long writesDone;
  private long writesSaved;

  public DeltaHealthWriter(HealthStore store, HealthWritePolicy policy, MeridianMetrics metrics) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Writes whichever of {@code latest} the policy allows. A failure of the store propagates (the
   * caller logs it and carries on probing); nothing is remembered as written then.
   */
  public synchronized void submit(Collection<VantageHealth> latest, Instant now) {
    Map<Key, VantageHealth> byKey = new LinkedHashMap<>();
    for (VantageHealth h : latest) {
      byKey.put(Key.of(h), h);
    }
    List<VantageHealth> toWrite = new ArrayList<>();
    long saved = 0;
    for (var e : byKey.entrySet()) {
      if (policy.shouldWrite(Optional.ofNullable(lastWritten.get(e.getKey())), e.getValue(), now)) {
        toWrite.add(e.getValue());
      } else {
        saved++;
      }
    }
    writesSaved += saved;
    if (saved > 0) {
      metrics.increment(MetricNames.HEALTH_WRITES_SAVED, saved);
    }
    if (toWrite.isEmpty()) {
      return;
    }
    store.putAll(toWrite);
    for (VantageHealth h : toWrite) {
      lastWritten.put(Key.of(h), h);
    }
    writesDone += toWrite.size();
    metrics.increment(MetricNames.HEALTH_WRITES, toWrite.size());
    LOG.debug("health.writes written={} saved={}", toWrite.size(), saved);
  }

  /** Forgets what was written for an endpoint (after it was deregistered). */
  public synchronized void forget(ServiceName service, EndpointId endpoint) {
    lastWritten
        .keySet()
        .removeIf(k -> k.service().equals(service) && k.endpoint().equals(endpoint));
  }

  /** Records written so far. */
  public synchronized long writesDone() {
    return writesDone;
  }

  /** Records the policy skipped so far (writes saved). */
  public synchronized long writesSaved() {
    return writesSaved;
  }
}
