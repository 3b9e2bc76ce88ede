package dev.meridian.testing.fakes;

import dev.meridian.core.port.Lease;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.StaleFencingTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link LeaseStore} in memory, with the DynamoDB adapter's semantics:
 *
 * <ul>
 *   <li>a free, released or expired lease is taken with fencing token = previous token + 1 (the
 *       first ever acquisition gets 1); tokens never go back, release keeps the token;
 *   <li>the holder of a valid lease re-acquiring it renews it with the same token;
 *   <li>{@link #renew} needs the same holder and token and a lease still valid at {@code now};
 *   <li>{@link #release} is a no-op unless the lease is still held with that token;
 *   <li>{@link #checkCurrent} accepts only the token of a lease valid at {@code now}.
 * </ul>
 *
 * Expiry is compared at millisecond precision, like the adapter's stored epoch milliseconds. Thread
 * safe.
 */
public final class InMemoryLeaseStore extends FaultInjection implements LeaseStore {
  /** A stored lease; {@code holder} is empty after a release. */
  private record Item(String holder, long token, Instant until) {}

  private final Map<String, Item> leases = new HashMap<>();
  private long changes;

  @Override
  public synchronized Optional<Lease> tryAcquire(
      String key, String holder, Duration ttl, Instant now) {
    beforeCall("tryAcquire");
    requireHolder(holder);
    Instant until = millis(now.plus(ttl));
    Item current = leases.get(key);
    boolean valid = current != null && !current.holder().isEmpty() && now.isBefore(current.until());
    if (valid && !current.holder().equals(holder)) {
      return Optional.empty();
    }
    long token = valid ? current.token() : (current == null ? 1 : current.token() + 1);
    if (!valid) {
      changes++;
    }
    leases.put(key, new Item(holder, token, until));
    return Optional.of(new Lease(key, holder, token, until));
  }

  @Override
  public synchronized Optional<Lease> renew(Lease lease, Duration ttl, Instant now) {
    beforeCall("renew");
    Item current = leases.get(lease.key());
    if (current == null
        || !current.holder().equals(lease.holder())
        || current.token() != lease.fencingToken()
        || !now.isBefore(current.until())) {
      return Optional.empty();
    }
    Instant until = millis(now.plus(ttl));
    leases.put(lease.key(), new Item(lease.holder(), lease.fencingToken(), until));
    return Optional.of(new Lease(lease.key(), lease.holder(), lease.fencingToken(), until));
  }

  @Override
  public synchronized void release(Lease lease) {
    beforeCall("release");
    Item current = leases.get(lease.key());
    if (current != null
        && current.holder().equals(lease.holder())
        && current.token() == lease.fencingToken()) {
      leases.put(lease.key(), new Item("", current.token(), Instant.EPOCH));
      changes++;
    }
  }

  @Override
  public synchronized void checkCurrent(String key, long fencingToken, Instant now) {
    beforeCall("checkCurrent");
    Item current = leases.get(key);
    long currentToken = current == null ? 0 : current.token();
    boolean valid = current != null && !current.holder().isEmpty() && now.isBefore(current.until());
    if (!valid || currentToken != fencingToken) {
      throw new StaleFencingTokenException(fencingToken, currentToken);
    }
  }

  /** The stored lease on {@code key}, whoever holds it (empty if never acquired). */
  public synchronized Optional<Lease> peek(String key) {
    Item i = leases.get(key);
    return i == null
        ? Optional.empty()
        : Optional.of(new Lease(key, i.holder(), i.token(), i.until()));
  }

  /** Acquisitions of a new token plus releases so far. */
  public synchronized long changes() {
    return changes;
  }

  static void requireHolder(String holder) {
    if (holder == null || holder.isBlank()) {
      throw new dev.meridian.core.model.InvalidValueException(
          "holder", holder, "must not be blank");
    }
  }

  private static Instant millis(Instant t) {
    return Instant.ofEpochMilli(t.toEpochMilli());
  }
}
