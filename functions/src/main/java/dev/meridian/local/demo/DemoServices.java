package dev.meridian.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.local.LocalModeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The demo's three (or more) sample regional services on loopback addresses, plus a small control
 * server on 127.0.0.1 through which {@code meridian demo fail|heal REGION} (another process) makes
 * one of them fail or recover. The control server requires the local API's bearer token.
 */
public final class DemoServices implements AutoCloseable {
  /** Where one sample service listens. */
  public record Placement(String region, String host, int port) {}

  private final Map<String, SampleService> byRegion = new LinkedHashMap<>();
  private final String token;
  private HttpServer control;

  private DemoServices(String token) {
    this.token = token;
  }

  /**
   * Starts one sample service per placement and the control server.
   *
   * @throws LocalModeException when an address or port cannot be bound
   */
  public static DemoServices start(List<Placement> placements, String token) {
    DemoServices d = new DemoServices(token);
    try {
      for (Placement p : placements) {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(p.host()), p.port());
        SampleService s = new SampleService(p.region(), at);
        try {
          s.start();
        } catch (BindException e) {
          throw new LocalModeException(
              "cannot start the sample service of "
                  + p.region()
                  + " on "
                  + p.host()
                  + ":"
                  + p.port()
                  + " ("
                  + e.getMessage()
                  + "): choose another port with --sample-port",
              e);
        }
        d.byRegion.put(p.region(), s);
      }
      d.control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      d.control.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      d.control.createContext("/regions", d::handle);
      d.control.start();
      return d;
    } catch (IOException e) {
      d.close();
      throw new LocalModeException("cannot start the demo services: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
  }

  public URI controlUrl() {
    return URI.create("http://127.0.0.1:" + control.getAddress().getPort());
  }

  public Optional<SampleService> region(String region) {
    return Optional.ofNullable(byRegion.get(region));
  }

  public Map<String, SampleService> services() {
    return java.util.Collections.unmodifiableMap(byRegion);
  }

  /**
   * {@code POST /regions/{region}/fail?mode=down|unhealthy}, {@code POST /regions/{region}/heal},
   * {@code GET /regions}.
   */
  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null
          || !MessageDigest.isEqual(
              ("Bearer " + token).getBytes(StandardCharsets.UTF_8),
              auth.trim().getBytes(StandardCharsets.UTF_8))) {
        reply(ex, 401, "missing or invalid bearer token");
        return;
      }
      String[] parts = ex.getRequestURI().getPath().split("/");
      String method = ex.getRequestMethod();
      if (parts.length == 2 && method.equals("GET")) {
        reply(ex, 200, describe());
        return;
      }
      if (parts.length != 4 || !method.equals("POST")) {
        reply(ex, 404, "unknown control path");
        return;
      }
      SampleService s = byRegion.get(parts[2]);
      if (s == null) {
        reply(
            ex,
            404,
            "no sample service in region " + parts[2] + " (regions: " + byRegion.keySet() + ")");
        return;
      }
      switch (parts[3]) {
        case "fail" -> {
          String mode = query(ex, "mode").orElse("down").toUpperCase(Locale.ROOT);
          SampleService.Condition c;
          try {
            c = SampleService.Condition.valueOf(mode);
          } catch (IllegalArgumentException e) {
            reply(ex, 400, "mode must be down or unhealthy");
            return;
          }
          s.fail(c);
        }
        case "heal" -> s.heal();
        default -> {
          reply(ex, 404, "unknown action " + parts[3]);
          return;
        }
      }
      reply(ex, 200, describe());
    }
  }

  private String describe() {
    return byRegion.values().stream()
        .map(s -> s.region() + " " + s.host() + ":" + s.port() + " " + s.condition())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static Optional<String> query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getQuery();
    if (q == null) {
      return Optional.empty();
    }
    for (String kv : q.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        return Optional.of(kv.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    if (control != null) {
      control.stop(0);
      ((java.util.concurrent.ExecutorService) control.getExecutor()).shutdownNow();
    }
    byRegion.values().forEach(SampleService::close);
  }
}
