package dev.meridian.testing.fakes;

import dev.meridian.core.port.StoreException;
import dev.meridian.core.port.StoreUnavailableException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure injection shared by the in-memory fakes, for failure-mode tests of the services that use
 * them. Every port operation of a fake first calls {@link #beforeCall(String)}:
 *
 * <ul>
 *   <li>{@link #setUnavailable(boolean) unavailable}: every call throws {@link
 *       StoreUnavailableException} (the store is down) until switched back;
 *   <li>{@link #failNext(StoreException)}: the next call (of any operation) throws the given
 *       exception, once; queued exceptions are thrown in order;
 *   <li>{@link #failNextOn(String, StoreException)}: the next call of the named operation (the port
 *       method's name, e.g. {@code "putAll"}, {@code "saveService"}) throws, once.
 * </ul>
 *
 * <p>An injected failure happens before the operation touches state: nothing is written.
 */
public abstract class FaultInjection {
  private final Deque<StoreException> nextFailures = new ArrayDeque<>();
  private final Map<String, Deque<StoreException>> nextFailuresByOperation =
      new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private volatile boolean unavailable;

  /** Makes every following call fail with {@link StoreUnavailableException} (or stop doing so). */
  public void setUnavailable(boolean unavailable) {
    this.unavailable = unavailable;
  }

  /** The next call of any operation throws {@code failure}, once. */
  public void failNext(StoreException failure) {
    synchronized (nextFailures) {
      nextFailures.addLast(failure);
    }
  }

  /** The next call of {@code operation} (a port method name) throws {@code failure}, once. */
  public void failNextOn(String operation, StoreException failure) {
    Deque<StoreException> q =
        nextFailuresByOperation.computeIfAbsent(operation, k -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(failure);
    }
  }

  /** Forgets pending injected failures and makes the store available again. */
  public void clearFailures() {
    unavailable = false;
    synchronized (nextFailures) {
      nextFailures.clear();
    }
    nextFailuresByOperation.clear();
  }

  /** How many times {@code operation} was called (including calls that failed). */
  public long calls(String operation) {
    AtomicLong n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Called first by every port operation of the fake. */
  protected final void beforeCall(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    if (unavailable) {
      throw new StoreUnavailableException(
          getClass().getSimpleName() + " is unavailable (injected)", null);
    }
    Deque<StoreException> q = nextFailuresByOperation.get(operation);
    if (q != null) {
      StoreException e;
      synchronized (q) {
        e = q.pollFirst();
      }
      if (e != null) {
        throw e;
      }
    }
    StoreException e;
    synchronized (nextFailures) {
      e = nextFailures.pollFirst();
    }
    if (e != null) {
      throw e;
    }
  }
}
