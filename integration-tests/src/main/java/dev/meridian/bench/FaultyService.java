package dev.meridian.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A regional sample service the benchmarks control: answers {@code GET /health} with 200, or with
 * 503 while failed, or — while flaky — fails a given fraction of requests at random (seeded): half
 * of those with HTTP 500, half by stalling past the probe timeout before answering 200.
 */
final class FaultyService implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SplittableRandom random;
  private volatile boolean failed;
  private volatile double flakyFraction;
  private volatile Duration stall = Duration.ofSeconds(3);
  private final java.util.concurrent.atomic.LongAdder requests =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder errors =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder stalls =
      new java.util.concurrent.atomic.LongAdder();

  FaultyService(String host, long seed) throws IOException {
    this.random = new SplittableRandom(seed);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void fail() {
    failed = true;
  }

  void heal() {
    failed = false;
  }

  /** Fails {@code fraction} of requests at random; a stall lasts {@code stall}. */
  void flaky(double fraction, Duration stallFor) {
    this.stall = stallFor;
    this.flakyFraction = fraction;
  }

  /** Requests served so far, of which answered 500 and stalled by the flaky mode. */
  long[] counts() {
    return new long[] {requests.sum(), errors.sum(), stalls.sum()};
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      requests.increment();
      int status = failed ? 503 : 200;
      if (!failed && flakyFraction > 0) {
        double roll;
        boolean stallInstead;
        synchronized (random) {
          roll = random.nextDouble();
          stallInstead = random.nextBoolean();
        }
        if (roll < flakyFraction) {
          if (stallInstead) {
            stalls.increment();
            try {
              Thread.sleep(stall);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          } else {
            errors.increment();
            status = 500;
          }
        }
      }
      byte[] body = (status == 200 ? "ok\n" : "failing\n").getBytes(StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      // the prober gave up (timeout) and closed the connection: expected while stalling
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
