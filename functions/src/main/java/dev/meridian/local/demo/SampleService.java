package dev.meridian.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sample regional service of the demo: a tiny HTTP server on a loopback address that answers
 * {@code GET /health} and {@code GET /} with its region. It can be made to fail — answer 503
 * ({@link Condition#UNHEALTHY}) or stop listening altogether ({@link Condition#DOWN}, like a
 * crashed process) — and to heal.
 */
public final class SampleService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SampleService.class);

  /** How the sample service behaves. */
  public enum Condition {
    HEALTHY,
    UNHEALTHY,
    DOWN
  }

  private final String region;
  private final InetSocketAddress bind;
  private HttpServer server;
  private volatile Condition condition = Condition.DOWN;
  private int port;

  public SampleService(String region, InetSocketAddress bind) {
    this.region = region;
    this.bind = bind;
  }

  public String region() {
    return region;
  }

  public String host() {
    return bind.getAddress().getHostAddress();
  }

  /** The listening port (the configured one, or the one picked when it was 0). */
  public synchronized int port() {
    return port;
  }

  public Condition condition() {
    return condition;
  }

  public synchronized SampleService start() throws IOException {
    if (server == null) {
      InetSocketAddress at = port == 0 ? bind : new InetSocketAddress(bind.getAddress(), port);
      HttpServer s = HttpServer.create(at, 64);
      s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      s.createContext("/", this::handle);
      s.start();
      server = s;
      port = s.getAddress().getPort();
    }
    condition = Condition.HEALTHY;
    return this;
  }

  /** Makes the service fail: answer 503 everywhere, or stop listening. */
  public synchronized void fail(Condition how) throws IOException {
    if (how == Condition.HEALTHY) {
      heal();
      return;
    }
    if (how == Condition.DOWN) {
      stopServer();
    } else if (server == null) {
      start();
    }
    condition = how;
    LOG.info("demo.sample.fail region={} condition={}", region, how);
  }

  public synchronized void heal() throws IOException {
    start();
    LOG.info("demo.sample.heal region={}", region);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      boolean ok = condition == Condition.HEALTHY;
      String body =
          path.equals("/health")
              ? (ok ? "ok " + region + "\n" : "failing " + region + "\n")
              : String.format(
                  Locale.ROOT,
                  "{\"region\":\"%s\",\"address\":\"%s\",\"healthy\":%s}%n",
                  region,
                  host(),
                  ok);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders()
          .add("Content-Type", path.equals("/health") ? "text/plain" : "application/json");
      ex.getResponseHeaders().add("X-Region", region);
      ex.sendResponseHeaders(ok ? 200 : 503, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void stopServer() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      server = null;
    }
  }

  @Override
  public synchronized void close() {
    stopServer();
    condition = Condition.DOWN;
  }
}
