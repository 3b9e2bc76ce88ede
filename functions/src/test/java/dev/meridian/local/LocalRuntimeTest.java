package dev.meridian.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeTest {
  @TempDir Path state;

  private final HttpClient http = HttpClient.newHttpClient();

  private LocalRuntime start() {
    return LocalRuntime.start(LocalSettings.defaults(state).withPorts(0, 0), null);
  }

  private HttpResponse<String> send(LocalRuntime rt, String method, String path, String body)
      throws IOException, InterruptedException {
    String token = Files.readString(rt.tokenFile()).trim();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(rt.apiUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startsEverything_writesTheStateFiles_andStopsCleanly() throws Exception {
    URI api;
    InetSocketAddress dns;
    try (LocalRuntime rt = start()) {
      api = rt.apiUrl();
      dns = rt.dnsAddress();
      assertThat(Files.readString(state.resolve("api-url")).trim()).isEqualTo(api.toString());
      assertThat(Files.readString(state.resolve("dns-address")).trim())
          .isEqualTo("127.0.0.1:" + dns.getPort());
      assertThat(Files.readString(state.resolve("local.pid")).trim())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
      assertThat(Files.readString(rt.tokenFile()).trim()).hasSizeGreaterThan(16);
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(api + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(send(rt, "GET", "/v1/services", null).statusCode()).isEqualTo(200);
      // The aggregator is fed from every health write, as Streams would on AWS.
      assertThat(rt.context().getBean(dev.meridian.core.port.HealthStore.class))
          .isInstanceOf(FeedingHealthStore.class);
      assertThat(rt.context().getBean(dev.meridian.core.port.DnsPublisher.class))
          .isSameAs(rt.publisher());
    }
    // Netty and the DNS acceptor release their sockets asynchronously: wait, bounded.
    assertThat(stopsAccepting(api.getPort())).as("API port closed").isTrue();
    assertThat(stopsAccepting(dns.getPort())).as("DNS TCP port closed").isTrue();
    assertThat(state.resolve("local.pid")).doesNotExist();
  }

  @Test
  void aSecondRuntimeOnTheSameStateDirectory_isRefused() {
    try (LocalRuntime rt = start()) {
      assertThatThrownBy(this::start)
          .isInstanceOf(LocalModeException.class)
          .hasMessageContaining("already running")
          .hasMessageContaining(state.toString());
    }
  }

  @Test
  void restarting_findsTheSameServices() throws Exception {
    try (LocalRuntime rt = start()) {
      HttpResponse<String> put =
          send(rt, "PUT", "/v1/services/api.keep.test", "{\"ttlSeconds\":7}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }
    try (LocalRuntime rt = start()) {
      HttpResponse<String> get = send(rt, "GET", "/v1/services/api.keep.test", null);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).contains("\"ttlSeconds\":7");
    }
  }

  private static boolean stopsAccepting(int port) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (accepts(port)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
