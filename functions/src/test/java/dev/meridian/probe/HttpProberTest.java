package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.StatusRange;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProberTest {
  static final ServiceName SVC = ServiceName.of("api.example.com");
  static final Region VANTAGE = Region.of("eu-west-1");
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ServiceConfig LOCAL =
      ServiceConfig.builder(SVC)
          .allowPrivateTargets(true)
          .probe(new ProbeSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), 2, 3))
          .build();

  /** A short timeout for the tests that wait for one. */
  static final ServiceConfig SHORT_TIMEOUT =
      LOCAL.toBuilder()
          .probe(new ProbeSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 2, 3))
          .build();

  static final ServiceConfig PUBLIC_ONLY = LOCAL.toBuilder().allowPrivateTargets(false).build();

  LoopbackHttp server;
  HttpProber prober;
  final List<String> lookups = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = LoopbackHttp.http();
    SsrfGuard guard =
        new SsrfGuard(
            host -> {
              lookups.add(host);
              return switch (host) {
                case "svc.local.test" -> List.of(InetAddress.getByName("127.0.0.1"));
                case "metadata.evil.test" -> List.of(InetAddress.getByName("169.254.169.254"));
                default -> throw new java.net.UnknownHostException(host);
              };
            });
    prober = new HttpProber(guard, CLOCK, ProbeEngineConfig.DEFAULT, SSLContext.getDefault());
  }

  @AfterEach
  void tearDown() {
    server.close();
    prober.close();
  }

  Endpoint.Builder endpoint(String address) {
    return Endpoint.builder(SVC, EndpointId.of("ep-1"), Region.of("us-east-1"), address)
        .port(server.port())
        .healthPath("/health");
  }

  @Test
  void healthyEndpoint_isOk_withStatusAndLatency() {
    server.respond("/health", 200, "ok").start();

    ProbeResult r = prober.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(r.httpStatus()).hasValue(200);
    assertThat(r.at()).isEqualTo(NOW);
    assertThat(r.vantage()).isEqualTo(VANTAGE);
    assertThat(r.latency()).isPositive().isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void failingEndpoint_reportsTheStatus() {
    server.respond("/health", 500, "boom").start();

    ProbeResult r = prober.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);

    assertThat(r.failure()).hasValue("status 500");
    assertThat(r.httpStatus()).hasValue(500);
  }

  @Test
  void statusOutsideTheConfiguredRange_fails() {
    server.respond("/health", 204, "").start();

    ProbeResult in = prober.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);
    ProbeResult out =
        prober.probe(
            endpoint("127.0.0.1").expectedStatus(StatusRange.parse("200")).build(), LOCAL, VANTAGE);

    assertThat(in.ok()).isTrue();
    assertThat(out.failure()).hasValue("status 204");
  }

  @Test
  void bodySubstring_mustBePresent() {
    server.respond("/health", 200, "{\"status\":\"degraded\"}").start();

    ProbeResult mismatch =
        prober.probe(endpoint("127.0.0.1").bodyContains("\"UP\"").build(), LOCAL, VANTAGE);
    ProbeResult match =
        prober.probe(endpoint("127.0.0.1").bodyContains("degraded").build(), LOCAL, VANTAGE);

    assertThat(mismatch.failure()).hasValue("body does not contain the expected text");
    assertThat(mismatch.httpStatus()).hasValue(200);
    assertThat(match.ok()).isTrue();
  }

  @Test
  void bodySubstring_isSearchedInTheFirstMaxBodyBytesOnly() throws Exception {
    String big = "x".repeat(200_000) + "MARKER";
    server.respond("/health", 200, big).start();
    try (HttpProber small =
        new HttpProber(
            SsrfGuard.system(),
            CLOCK,
            new ProbeEngineConfig(8, 0, 1024, Duration.ofSeconds(5), "t"),
            SSLContext.getDefault())) {
      ProbeResult r =
          small.probe(endpoint("127.0.0.1").bodyContains("MARKER").build(), LOCAL, VANTAGE);
      assertThat(r.failure()).hasValue("body does not contain the expected text");
    }
  }

  @Test
  void slowEndpoint_timesOutWithinTheProbeTimeout() {
    server.hang("/health").start();

    ProbeResult r = prober.probe(endpoint("127.0.0.1").build(), SHORT_TIMEOUT, VANTAGE);

    assertThat(r.failure()).hasValue("timeout");
    assertThat(r.latency()).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
  }

  @Test
  void slowBody_isBoundedByTheTimeoutToo() {
    server
        .handle(
            "/health",
            ex -> {
              ex.sendResponseHeaders(200, 1000);
              ex.getResponseBody().write("partial".getBytes());
              ex.getResponseBody().flush();
              try {
                server.release.await(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .start();

    ProbeResult r =
        prober.probe(endpoint("127.0.0.1").bodyContains("never").build(), SHORT_TIMEOUT, VANTAGE);

    assertThat(r.failure()).hasValue("timeout");
    assertThat(r.latency()).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void resettingServer_fails() throws Exception {
    try (LoopbackHttp.Resetter resetter = new LoopbackHttp.Resetter()) {
      ProbeResult r =
          prober.probe(endpoint("127.0.0.1").port(resetter.port()).build(), LOCAL, VANTAGE);

      // Which error the client sees depends on when the RST lands relative to its non-blocking
      // connect completing: on a loaded machine the connect itself can report it as refused.
      assertThat(r.failure())
          .hasValueSatisfying(
              f ->
                  assertThat(f)
                      .isIn(
                          "connection reset",
                          "connection closed before response",
                          "connection refused"));
    }
  }

  @Test
  void nothingListening_isConnectionRefused() throws Exception {
    ProbeResult r =
        prober.probe(endpoint("127.0.0.1").port(LoopbackHttp.closedPort()).build(), LOCAL, VANTAGE);

    assertThat(r.failure()).hasValue("connection refused");
  }

  @Test
  void loopback_isRefused_unlessTheServiceAllowsPrivateTargets() {
    server.respond("/health", 200, "ok").start();

    ProbeResult r = prober.probe(endpoint("127.0.0.1").build(), PUBLIC_ONLY, VANTAGE);

    assertThat(r.failure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("forbidden target 127.0.0.1"));
    assertThat(server.requests).hasValue(0);
  }

  @Test
  void aNameResolvingToMetadata_isRefusedAfterResolution() {
    ProbeResult r = prober.probe(endpoint("metadata.evil.test").build(), LOCAL, VANTAGE);

    assertThat(r.failure())
        .hasValueSatisfying(f -> assertThat(f).contains("169.254.169.254").contains("metadata"));
    assertThat(lookups).containsExactly("metadata.evil.test");
  }

  @Test
  void unresolvableName_failsWithDns() {
    ProbeResult r = prober.probe(endpoint("nowhere.test").build(), LOCAL, VANTAGE);

    assertThat(r.failure()).hasValue("dns: cannot resolve nowhere.test");
  }

  @Test
  void aName_isResolvedOnce_connectsToTheVettedAddress_andSendsTheNameAsHost() {
    server.respond("/health", 200, "ok").start();

    ProbeResult r = prober.probe(endpoint("svc.local.test").build(), LOCAL, VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(lookups).containsExactly("svc.local.test");
    assertThat(server.hostHeaders).containsExactly("svc.local.test:" + server.port());
  }

  @Test
  void hostHeaderOverride_isSentToTheAddress() {
    server.respond("/health", 200, "ok").start();

    ProbeResult r =
        prober.probe(endpoint("127.0.0.1").hostHeader("api.example.com").build(), LOCAL, VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(server.hostHeaders).containsExactly("api.example.com:" + server.port());
    assertThat(lookups).isEmpty();
  }

  @Test
  void redirect_isNotFollowedByDefault_andJudgedByItsStatus() {
    server.redirect("/health", 302, "http://169.254.169.254/latest/meta-data/").start();

    ProbeResult inRange = prober.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);
    ProbeResult outOfRange =
        prober.probe(
            endpoint("127.0.0.1").expectedStatus(StatusRange.parse("200-299")).build(),
            LOCAL,
            VANTAGE);

    assertThat(inRange.ok()).isTrue();
    assertThat(inRange.httpStatus()).hasValue(302);
    assertThat(outOfRange.failure()).hasValue("status 302");
    assertThat(server.requests).hasValue(2);
  }

  @Test
  void redirectToAForbiddenAddress_isRefused_whenFollowingIsEnabled() throws Exception {
    server.redirect("/health", 302, "http://169.254.169.254/latest/meta-data/").start();
    try (HttpProber following = followingProber(new SsrfGuard(host -> List.of()))) {
      ProbeResult r = following.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);

      assertThat(r.failure())
          .hasValueSatisfying(f -> assertThat(f).startsWith("forbidden target 169.254.169.254"));
    }
  }

  @Test
  void redirectToANameResolvingToMetadata_isRefused_afterResolution() throws Exception {
    server.redirect("/health", 307, "http://metadata.evil.test/").start();
    try (HttpProber following =
        followingProber(
            new SsrfGuard(
                SsrfGuardTest.fakeDns(Map.of("metadata.evil.test", List.of("169.254.169.254")))))) {
      ProbeResult r = following.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);

      assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).contains("169.254.169.254"));
    }
  }

  @Test
  void redirectToAnAllowedTarget_isFollowed() throws Exception {
    server
        .redirect("/health", 302, "/moved")
        .redirect("/moved", 301, "http://127.0.0.1:" + server.port() + "/final")
        .respond("/final", 200, "ok")
        .start();
    try (HttpProber following = followingProber(SsrfGuard.system())) {
      ProbeResult r =
          following.probe(
              endpoint("127.0.0.1").expectedStatus(StatusRange.parse("200")).build(),
              LOCAL,
              VANTAGE);

      assertThat(r.ok()).isTrue();
      assertThat(r.httpStatus()).hasValue(200);
      assertThat(server.requests).hasValue(3);
    }
  }

  @Test
  void redirectLoop_failsAfterTheLimit() throws Exception {
    server.redirect("/health", 302, "/health").start();
    try (HttpProber following = followingProber(SsrfGuard.system())) {
      ProbeResult r = following.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);

      assertThat(r.failure()).hasValue("too many redirects");
      assertThat(server.requests).hasValue(4);
    }
  }

  @Test
  void redirectToANonHttpScheme_fails() throws Exception {
    server.redirect("/health", 302, "file:///etc/passwd").start();
    try (HttpProber following = followingProber(SsrfGuard.system())) {
      ProbeResult r = following.probe(endpoint("127.0.0.1").build(), LOCAL, VANTAGE);

      assertThat(r.failure()).hasValue("invalid redirect location");
    }
  }

  @Test
  void invalidHealthPath_failsWithoutConnecting() {
    server.respond("/", 200, "ok").start();

    ProbeResult r = prober.probe(endpoint("127.0.0.1").healthPath("/a|b").build(), LOCAL, VANTAGE);

    assertThat(r.failure()).hasValue("invalid health path");
    assertThat(server.requests).hasValue(0);
  }

  @Test
  void rejectsTcpEndpoints() {
    assertThatThrownBy(
            () ->
                prober.probe(endpoint("127.0.0.1").protocol(Protocol.TCP).build(), LOCAL, VANTAGE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private HttpProber followingProber(SsrfGuard guard) throws Exception {
    return new HttpProber(
        guard, CLOCK, ProbeEngineConfig.DEFAULT.withMaxRedirects(3), SSLContext.getDefault());
  }
}
