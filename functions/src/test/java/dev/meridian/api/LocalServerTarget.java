package dev.meridian.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API on the local HTTP server (Netty on 127.0.0.1, random port), called with the JDK client.
 */
public final class LocalServerTarget implements ApiTarget {
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");

  private final ApplicationContext context;
  private final EmbeddedServer server;
  private final HttpClient client;
  private final String token;

  public LocalServerTarget(Stores stores, Clock clock, Path tokenFile, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("micronaut.server.port", -1);
    p.put("micronaut.server.host", "127.0.0.1");
    p.put("meridian.mode", "local");
    p.put("meridian.api.auth", "token");
    p.put("meridian.api.token-file", tokenFile.toString());
    p.put("meridian.api.rate-limit.enabled", false);
    p.putAll(extra);
    this.context =
        ApplicationContext.builder().properties(p).singletons(stores).singletons(clock).start();
    this.server = context.getBean(EmbeddedServer.class).start();
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      this.token = Files.readString(tokenFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ApplicationContext context() {
    return context;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  public String token() {
    return token;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Response send(
      String method, String path, String body, Map<String, String> headers, Auth auth) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(
        (k, v) -> {
          if (!RESTRICTED.contains(k.toLowerCase())) {
            b.header(k, v);
          }
        });
    switch (auth) {
      case VALID -> b.header("Authorization", "Bearer " + token);
      case WRONG -> b.header("Authorization", "Bearer not-the-token-" + token.substring(0, 4));
      case OTHER_SCHEME -> b.header("Authorization", "Basic dXNlcjpwYXNz");
      case NONE -> {}
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> h = new HashMap<>();
      r.headers().map().forEach((k, v) -> h.put(k, String.join(",", (List<String>) v)));
      return new Response(r.statusCode(), h, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
