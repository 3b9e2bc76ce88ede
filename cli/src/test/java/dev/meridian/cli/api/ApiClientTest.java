package dev.meridian.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.cli.CliException;
import dev.meridian.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {
  /** One canned answer: status, headers, body. */
  private record Canned(int status, Map<String, String> headers, String body) {}

  private final ConcurrentLinkedDeque<Canned> answers = new ConcurrentLinkedDeque<>();
  private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  private final List<Duration> slept = new ArrayList<>();
  private HttpServer server;
  private ApiClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/",
        ex -> {
          lastAuthorization.set(ex.getRequestHeaders().getFirst("Authorization"));
          Canned c = answers.isEmpty() ? new Canned(200, Map.of(), "{}") : answers.poll();
          c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
          byte[] b = c.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(c.status(), b.length == 0 ? -1 : b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    client =
        new ApiClient(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
            RequestSigner.bearer("tok"),
            new ObjectMapper(),
            "; hint",
            slept::add);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aRateLimitedRequest_isRetriedAfterRetryAfter() {
    answers.add(new Canned(429, Map.of("Retry-After", "2"), "{\"title\":\"Too many requests\"}"));
    answers.add(new Canned(200, Map.of(), "{\"ok\":true}"));
    assertThat(client.post("/v1/x", new ObjectMapper().createObjectNode()).path("ok").asBoolean())
        .isTrue();
    assertThat(slept).containsExactly(Duration.ofSeconds(2));
    assertThat(lastAuthorization.get()).isEqualTo("Bearer tok");
  }

  @Test
  void aProblemDetail_becomesOneLine_withTheExitCodeOfItsStatus() {
    answers.add(
        new Canned(
            400,
            Map.of("Content-Type", "application/problem+json"),
            "{\"type\":\"https://meridian.dev/problems/invalid-value\",\"title\":\"Invalid value\","
                + "\"status\":400,\"detail\":\"port must be between 1 and\\n65535\",\"field\":\"port\"}"));
    assertThatThrownBy(() -> client.get("/v1/services"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
              assertThat(e.getMessage())
                  .isEqualTo("Invalid value: port must be between 1 and 65535");
              assertThat(e.field()).contains("port");
            });
  }

  @Test
  void aNonJsonError_showsItsStatusAndAnExcerpt() {
    answers.add(new Canned(502, Map.of(), "<html>bad gateway</html>"));
    assertThatThrownBy(() -> client.delete("/v1/services/a.test"))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
              assertThat(e.getMessage()).isEqualTo("HTTP 502: <html>bad gateway</html>");
            });
  }

  @Test
  void aRateLimitThatOutlastsTheRetries_fails() {
    for (int i = 0; i <= ApiClient.MAX_RETRIES; i++) {
      answers.add(new Canned(429, Map.of("Retry-After", "1"), "{\"title\":\"Too many requests\"}"));
    }
    assertThatThrownBy(() -> client.get("/v1/services"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("Too many requests");
    assertThat(slept).hasSize(ApiClient.MAX_RETRIES);
  }

  @Test
  void find_answersEmptyFor404_only() {
    answers.add(
        new Canned(404, Map.of(), "{\"title\":\"Not found\",\"detail\":\"no such service\"}"));
    assertThat(client.find("/v1/services/a.test")).isEmpty();
    answers.add(new Canned(409, Map.of(), "{\"title\":\"Conflict\"}"));
    assertThatThrownBy(() -> client.find("/v1/services/a.test"))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.exitCode()).isEqualTo(4));
  }
}
