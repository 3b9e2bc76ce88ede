package dev.meridian.local;

import dev.meridian.app.aggregator.HealthChange;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import dev.meridian.core.port.HealthStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link HealthStore} decorator that reports every write to a {@link HealthChangeFeed}, with the
 * record's before and after images, as DynamoDB Streams does on AWS. In local mode this process is
 * the only writer of the health table, so the before image is the last record it wrote (loaded from
 * the store the first time a service is written).
 */
public final class FeedingHealthStore implements HealthStore {
  private record Key(ServiceName service, EndpointId endpoint, Region vantage) {
    static Key of(VantageHealth h) {
      return new Key(h.service(), h.endpoint(), h.vantage());
    }
  }

  private final HealthStore delegate;
  private final HealthChangeFeed feed;
  private final Map<Key, VantageHealth> last = new ConcurrentHashMap<>();
  private final Map<ServiceName, Boolean> loaded = new ConcurrentHashMap<>();

  public FeedingHealthStore(HealthStore delegate, HealthChangeFeed feed) {
    this.delegate = delegate;
    this.feed = feed;
  }

  @Override
  public synchronized void putAll(Collection<VantageHealth> records) {
    if (records.isEmpty()) {
      return;
    }
    records.stream().map(VantageHealth::service).distinct().forEach(this::loadOnce);
    delegate.putAll(records);
    List<HealthChange> changes = new ArrayList<>(records.size());
    for (VantageHealth after : records) {
      Optional<VantageHealth> before = Optional.ofNullable(last.put(Key.of(after), after));
      changes.add(HealthChange.of(feed.nextId(), before, Optional.of(after)));
    }
    feed.publish(changes);
  }

  @Override
  public List<VantageHealth> list(ServiceName service) {
    return delegate.list(service);
  }

  @Override
  public synchronized void deleteEndpoint(ServiceName service, EndpointId endpoint) {
    loadOnce(service);
    delegate.deleteEndpoint(service, endpoint);
    List<HealthChange> changes = new ArrayList<>();
    last.entrySet()
        .removeIf(
            e -> {
              if (e.getKey().service().equals(service) && e.getKey().endpoint().equals(endpoint)) {
                changes.add(
                    HealthChange.of(feed.nextId(), Optional.of(e.getValue()), Optional.empty()));
                return true;
              }
              return false;
            });
    feed.publish(changes);
  }

  private void loadOnce(ServiceName service) {
    loaded.computeIfAbsent(
        service,
        s -> {
          delegate.list(s).forEach(h -> last.putIfAbsent(Key.of(h), h));
          return Boolean.TRUE;
        });
  }
}
