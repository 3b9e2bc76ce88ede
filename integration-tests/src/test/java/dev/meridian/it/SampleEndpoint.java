package dev.meridian.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A regional sample service on one loopback address: a JDK HTTP server answering {@code /health}
 * with a switchable behaviour (healthy, 500, stall past the probe timeout, or 20 % of each at
 * random), and which can be killed (its port closed: connection refused) and revived on the same
 * address and port.
 */
final class SampleEndpoint implements AutoCloseable {
  enum Mode {
    HEALTHY,
    ERROR,
    STALL,
    /** Each check fails with probability {@link #FLAKY_FAILURE}: half HTTP 500, half a stall. */
    FLAKY
  }

  static final double FLAKY_FAILURE = 0.2;
  static final Duration STALL = Duration.ofMillis(1500);

  private final String ip;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SplittableRandom random;
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Mode mode = Mode.HEALTHY;
  private HttpServer server;
  private int port;

  private SampleEndpoint(String ip, long seed) {
    this.ip = ip;
    this.random = new SplittableRandom(seed);
  }

  static SampleEndpoint start(String ip) {
    SampleEndpoint e = new SampleEndpoint(ip, ip.hashCode());
    e.bind(0);
    return e;
  }

  String ip() {
    return ip;
  }

  int port() {
    return port;
  }

  void mode(Mode m) {
    mode = m;
  }

  long served() {
    return served.get();
  }

  long failed() {
    return failed.get();
  }

  void resetCounters() {
    served.set(0);
    failed.set(0);
  }

  /** Closes the listening port: probes get "connection refused". */
  synchronized void kill() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same address and port, healthy. */
  synchronized void revive() {
    mode = Mode.HEALTHY;
    if (server == null) {
      bind(port);
    }
  }

  private synchronized void bind(int p) {
    IOException last = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ip), p), 50);
        s.createContext("/", this::handle);
        s.setExecutor(executor);
        s.start();
        server = s;
        port = s.getAddress().getPort();
        return;
      } catch (BindException e) {
        last = e;
        sleep(Duration.ofMillis(100));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new UncheckedIOException("cannot bind " + ip + ":" + p, last);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      served.incrementAndGet();
      Mode m = mode;
      if (m == Mode.FLAKY) {
        double r;
        synchronized (random) {
          r = random.nextDouble();
        }
        m = r >= FLAKY_FAILURE ? Mode.HEALTHY : r < FLAKY_FAILURE / 2 ? Mode.ERROR : Mode.STALL;
      }
      if (m != Mode.HEALTHY) {
        failed.incrementAndGet();
      }
      if (m == Mode.STALL) {
        sleep(STALL);
      }
      byte[] body = (m == Mode.HEALTHY ? "ok" : "failing").getBytes();
      x.sendResponseHeaders(m == Mode.HEALTHY ? 200 : 500, body.length);
      x.getResponseBody().write(body);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    kill();
    executor.shutdownNow();
  }
}
