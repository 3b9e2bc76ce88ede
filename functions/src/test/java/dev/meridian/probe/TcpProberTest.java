package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.Region;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpProberTest {
  final TcpProber prober = new TcpProber(SsrfGuard.system(), HttpProberTest.CLOCK);

  static Endpoint tcp(String address, int port) {
    return Endpoint.builder(
            HttpProberTest.SVC, EndpointId.of("tcp-1"), Region.of("us-east-1"), address)
        .protocol(Protocol.TCP)
        .port(port)
        .build();
  }

  @Test
  void listeningPort_isOk() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 8, LoopbackHttp.LOOPBACK)) {
      ProbeResult r =
          prober.probe(
              tcp("127.0.0.1", s.getLocalPort()), HttpProberTest.LOCAL, HttpProberTest.VANTAGE);

      assertThat(r.ok()).isTrue();
      assertThat(r.httpStatus()).isEmpty();
      assertThat(r.latency()).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void closedPort_isRefused() throws Exception {
    ProbeResult r =
        prober.probe(
            tcp("127.0.0.1", LoopbackHttp.closedPort()),
            HttpProberTest.LOCAL,
            HttpProberTest.VANTAGE);

    assertThat(r.failure()).hasValue("connection refused");
  }

  @Test
  void loopback_isRefused_unlessAllowed() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 8, LoopbackHttp.LOOPBACK)) {
      ProbeResult r =
          prober.probe(
              tcp("127.0.0.1", s.getLocalPort()),
              HttpProberTest.PUBLIC_ONLY,
              HttpProberTest.VANTAGE);

      assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("forbidden target"));
    }
  }

  @Test
  void metadataAddress_isRefused_evenWhenPrivateTargetsAreAllowed() {
    ProbeResult r =
        prober.probe(tcp("169.254.169.254", 80), HttpProberTest.LOCAL, HttpProberTest.VANTAGE);

    assertThat(r.failure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("forbidden target 169.254.169.254"));
  }

  @Test
  void serverThatNeverAccepts_timesOut() throws Exception {
    // A full accept queue makes Linux drop further SYNs, so a connect hangs until the timeout.
    try (ServerSocket s = new ServerSocket(0, 1, LoopbackHttp.LOOPBACK)) {
      List<Socket> fillers = new ArrayList<>();
      try {
        ProbeResult r = null;
        for (int i = 0; i < 16; i++) {
          r = prober.probe(tcp("127.0.0.1", s.getLocalPort()), SHORT, HttpProberTest.VANTAGE);
          if (!r.ok()) {
            break;
          }
          Socket filler = new Socket();
          fillers.add(filler);
          try {
            filler.connect(s.getLocalSocketAddress(), 200);
          } catch (SocketTimeoutException queueAlreadyFull) {
            // the next probe will hang too
          }
        }
        assertThat(r.failure()).hasValue("connect timeout");
        assertThat(r.latency()).isBetween(Duration.ofMillis(450), Duration.ofMillis(2500));
      } finally {
        for (Socket f : fillers) {
          f.close();
        }
      }
    }
  }

  private static final dev.meridian.core.model.ServiceConfig SHORT = HttpProberTest.SHORT_TIMEOUT;
}
