package dev.meridian.probe;

import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many probes at once: one virtual thread per probe, at most {@code maxConcurrency} in flight
 * (a semaphore), so thousands of endpoints fit in one Lambda invocation under its 1,024 file
 * descriptors. Thread-safe; one engine is shared by every probe loop of the process (local mode
 * runs several vantages on one engine).
 */
public final class ProbeEngine implements AutoCloseable {
  /** The JVM security property for the positive DNS cache lifetime, in seconds. */
  public static final String DNS_CACHE_TTL_PROPERTY = "networkaddress.cache.ttl";

  /** The JVM security property for the negative DNS cache lifetime, in seconds. */
  public static final String DNS_NEGATIVE_CACHE_TTL_PROPERTY = "networkaddress.cache.negative.ttl";

  private static final Logger LOG = LoggerFactory.getLogger(ProbeEngine.class);
  private static String ttlWeSet;

  private final Prober prober;
  private final Clock clock;
  private final int maxConcurrency;
  private final Semaphore permits;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AutoCloseable onClose;

  /** An engine over any prober (tests pass a scripted one). */
  public ProbeEngine(Prober prober, int maxConcurrency, Clock clock) {
    this(prober, maxConcurrency, clock, () -> {});
  }

  private ProbeEngine(Prober prober, int maxConcurrency, Clock clock, AutoCloseable onClose) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prober = Objects.requireNonNull(prober, "prober");
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "maxConcurrency must be >= 1 (got " + maxConcurrency + ")");
    }
    this.maxConcurrency = maxConcurrency;
    this.permits = new Semaphore(maxConcurrency);
    this.onClose = onClose;
  }

  /**
   * The production engine: HTTP(S) and TCP probers over the JVM resolver and default trust store.
   * Lowers the JVM DNS cache TTL first (see {@link #lowerDnsCacheTtl(Duration)}).
   */
  public static ProbeEngine create(ProbeEngineConfig config, Clock clock) {
    try {
      return create(config, clock, SsrfGuard.system(), SSLContext.getDefault());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  /** An engine with an injected guard (resolver) and trust store, for tests and benchmarks. */
  public static ProbeEngine create(
      ProbeEngineConfig config, Clock clock, SsrfGuard guard, SSLContext verifyingTls) {
    lowerDnsCacheTtl(config.dnsCacheTtl());
    HttpProber http = new HttpProber(guard, clock, config, verifyingTls);
    ProtocolProber prober = new ProtocolProber(http, new TcpProber(guard, clock));
    return new ProbeEngine(prober, config.maxConcurrency(), clock, prober);
  }

  /**
   * Sets {@value #DNS_CACHE_TTL_PROPERTY} (and a 1 s negative TTL) so probes follow DNS changes
   * within seconds instead of the JVM's 30 s default. The JDK reads these properties once, when the
   * first name is resolved: call this before anything in the process resolves a name (the Lambda
   * handler calls {@link #prepareJvm()} in its static initialiser); {@code -Dsun.net.inetaddr.ttl}
   * on the command line is the fallback that always works. A value set by someone else (the
   * java.security file, an operator) is kept; a value this class set earlier is replaced.
   */
  public static synchronized void lowerDnsCacheTtl(Duration ttl) {
    String current = Security.getProperty(DNS_CACHE_TTL_PROPERTY);
    if (current == null || current.equals(ttlWeSet)) {
      ttlWeSet = Long.toString(ttl.toSeconds());
      Security.setProperty(DNS_CACHE_TTL_PROPERTY, ttlWeSet);
      if (Security.getProperty(DNS_NEGATIVE_CACHE_TTL_PROPERTY) == null) {
        Security.setProperty(DNS_NEGATIVE_CACHE_TTL_PROPERTY, "1");
      }
    }
  }

  /**
   * Process start-up settings for a JVM that will probe: lets the JDK HTTP client send the Host and
   * Connection headers (see {@link HttpProber}) and lowers the DNS cache TTL to the default {@link
   * ProbeEngineConfig#DEFAULT_DNS_CACHE_TTL}. Both are read once by the JDK, so entry points call
   * this first (the probe handler does so in its static initialiser).
   */
  public static void prepareJvm() {
    HttpProber.allowRestrictedHeaders();
    lowerDnsCacheTtl(ProbeEngineConfig.DEFAULT_DNS_CACHE_TTL);
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** Probes currently in flight. */
  public int inFlight() {
    return maxConcurrency - permits.availablePermits();
  }

  /**
   * Probes every target once from {@code vantage}, at most {@link #maxConcurrency()} at a time, and
   * returns the results in the order of {@code targets}. A prober that throws yields a failed
   * result ("probe error: …") rather than aborting the batch.
   *
   * @throws InterruptedException when the calling thread is interrupted; probes already started are
   *     cancelled
   */
  public List<ProbeResult> probeAll(List<ProbeTarget> targets, Region vantage)
      throws InterruptedException {
    Objects.requireNonNull(vantage, "vantage");
    List<Future<ProbeResult>> futures = new ArrayList<>(targets.size());
    try {
      for (ProbeTarget t : targets) {
        // Acquire before starting the thread: parked probes would only hold memory.
        permits.acquire();
        try {
          futures.add(threads.submit(() -> probeOne(t, vantage)));
        } catch (RuntimeException e) {
          permits.release();
          throw e;
        }
      }
      List<ProbeResult> results = new ArrayList<>(targets.size());
      for (Future<ProbeResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("probe task failed unexpectedly", e.getCause());
        }
      }
      return results;
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
  }

  private ProbeResult probeOne(ProbeTarget t, Region vantage) {
    try {
      return prober.probe(t.endpoint(), t.config(), vantage);
    } catch (RuntimeException e) {
      LOG.warn(
          "probe error service={} endpoint={} error={}",
          t.endpoint().service(),
          t.endpoint().id(),
          e.toString());
      return ProbeResult.failed(
          t.endpoint().service(),
          t.endpoint().id(),
          vantage,
          clock.instant(),
          "probe error: " + e.getClass().getSimpleName(),
          Duration.ZERO);
    } finally {
      permits.release();
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    try {
      onClose.close();
    } catch (Exception e) {
      LOG.warn("probe engine close failed: {}", e.toString());
    }
  }
}
