package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProbeEngineTest {

  static List<ProbeTarget> targets(int n, int port) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new ProbeTarget(
                    Endpoint.builder(
                            HttpProberTest.SVC,
                            EndpointId.of("ep-" + i),
                            Region.of("us-east-1"),
                            "127.0.0.1")
                        .port(port)
                        .healthPath("/health/" + i)
                        .build(),
                    HttpProberTest.LOCAL))
        .toList();
  }

  @Test
  void neverRunsMoreThanMaxConcurrencyProbesAtOnce() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch someStarted = new CountDownLatch(4);
    Prober slowish =
        (e, c, v) -> {
          int now = inFlight.incrementAndGet();
          peak.accumulateAndGet(now, Math::max);
          someStarted.countDown();
          try {
            someStarted.await(5, TimeUnit.SECONDS);
            Thread.yield();
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
          return ProbeResult.ok(e.service(), e.id(), v, HttpProberTest.NOW, Duration.ofMillis(1));
        };
    try (ProbeEngine engine = new ProbeEngine(slowish, 4, HttpProberTest.CLOCK)) {
      List<ProbeResult> results = engine.probeAll(targets(200, 80), HttpProberTest.VANTAGE);

      assertThat(results).hasSize(200);
      assertThat(peak.get()).isBetween(1, 4);
      assertThat(engine.inFlight()).isZero();
    }
  }

  @Test
  void returnsResultsInTargetOrder_andTurnsAThrowingProberIntoAFailure() throws Exception {
    Prober prober =
        (e, c, v) -> {
          if (e.id().value().equals("ep-3")) {
            throw new IllegalStateException("bug");
          }
          return ProbeResult.ok(e.service(), e.id(), v, HttpProberTest.NOW, Duration.ZERO);
        };
    try (ProbeEngine engine = new ProbeEngine(prober, 2, HttpProberTest.CLOCK)) {
      List<ProbeResult> results = engine.probeAll(targets(6, 80), HttpProberTest.VANTAGE);

      assertThat(results)
          .extracting(r -> r.endpoint().value())
          .containsExactly("ep-0", "ep-1", "ep-2", "ep-3", "ep-4", "ep-5");
      assertThat(results.get(3).failure()).hasValue("probe error: IllegalStateException");
      assertThat(results.get(3).at()).isEqualTo(HttpProberTest.NOW);
      assertThat(results).filteredOn(ProbeResult::ok).hasSize(5);
    }
  }

  @Test
  void probesManyRealLoopbackEndpoints() throws Exception {
    try (LoopbackHttp server = LoopbackHttp.http()) {
      server.respond("/health", 200, "ok").start();
      try (ProbeEngine engine =
          ProbeEngine.create(
              ProbeEngineConfig.DEFAULT.withMaxConcurrency(32),
              HttpProberTest.CLOCK,
              SsrfGuard.system(),
              javax.net.ssl.SSLContext.getDefault())) {
        List<ProbeResult> results =
            engine.probeAll(targets(300, server.port()), HttpProberTest.VANTAGE);

        assertThat(results).allSatisfy(r -> assertThat(r.failure()).isEmpty());
        assertThat(server.requests).hasValue(300);
      }
    }
  }

  @Test
  void lowersTheJvmDnsCacheTtl_replacingOnlyItsOwnValue() {
    String before = Security.getProperty(ProbeEngine.DNS_CACHE_TTL_PROPERTY);
    try {
      ProbeEngine.lowerDnsCacheTtl(Duration.ofSeconds(5));
      String first = Security.getProperty(ProbeEngine.DNS_CACHE_TTL_PROPERTY);
      ProbeEngine.lowerDnsCacheTtl(Duration.ofSeconds(7));
      String second = Security.getProperty(ProbeEngine.DNS_CACHE_TTL_PROPERTY);

      if (before == null) {
        assertThat(first).isEqualTo("5");
        assertThat(second).isEqualTo("7");
      } else if (!before.equals("5")) {
        assertThat(first).as("an operator's value is kept").isEqualTo(before);
        assertThat(second).isEqualTo(before);
      }
      Security.setProperty(ProbeEngine.DNS_CACHE_TTL_PROPERTY, "30");
      ProbeEngine.lowerDnsCacheTtl(Duration.ofSeconds(5));
      assertThat(Security.getProperty(ProbeEngine.DNS_CACHE_TTL_PROPERTY))
          .as("someone else's value is kept")
          .isEqualTo("30");
    } finally {
      Security.setProperty(ProbeEngine.DNS_CACHE_TTL_PROPERTY, before == null ? "5" : before);
    }
  }
}
