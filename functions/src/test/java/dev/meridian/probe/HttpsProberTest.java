package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.Region;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS probes against a server with a self-signed certificate for {@code probe.test} and
 * 127.0.0.1, generated with keytool at test time.
 */
class HttpsProberTest {
  /** Handshakes that take turns on one address need more than one probe's worth of time. */
  static final dev.meridian.core.model.ServiceConfig PATIENT =
      HttpProberTest.LOCAL.toBuilder()
          .probe(
              new dev.meridian.core.model.ProbeSettings(
                  java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(20), 2, 3))
          .staleness(java.time.Duration.ofSeconds(60))
          .build();

  @TempDir static Path dir;
  static KeyStore keyStore;
  static LoopbackHttp server;

  HttpProber defaultTrust;
  HttpProber testTrust;

  @BeforeAll
  static void startServer() throws Exception {
    keyStore = LoopbackHttp.selfSignedKeyStore(dir);
    server = LoopbackHttp.https(LoopbackHttp.serverContext(keyStore));
    server.respond("/health", 200, "ok").start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    SsrfGuard guard =
        new SsrfGuard(
            host ->
                switch (host) {
                  case "probe.test", "other.test" -> List.of(InetAddress.getByName("127.0.0.1"));
                  default -> throw new java.net.UnknownHostException(host);
                });
    defaultTrust =
        new HttpProber(
            guard, HttpProberTest.CLOCK, ProbeEngineConfig.DEFAULT, SSLContext.getDefault());
    testTrust =
        new HttpProber(
            guard,
            HttpProberTest.CLOCK,
            ProbeEngineConfig.DEFAULT,
            LoopbackHttp.trusting(keyStore));
    server.sniNames.clear();
    server.hostHeaders.clear();
  }

  @AfterEach
  void tearDown() {
    defaultTrust.close();
    testTrust.close();
  }

  static Endpoint.Builder endpoint(String address) {
    return Endpoint.builder(
            HttpProberTest.SVC, EndpointId.of("tls-1"), Region.of("us-east-1"), address)
        .protocol(Protocol.HTTPS)
        .port(server.port());
  }

  @Test
  void selfSignedCertificate_isRejected_byDefault() {
    ProbeResult r =
        defaultTrust.probe(
            endpoint("127.0.0.1").hostHeader("probe.test").build(),
            HttpProberTest.LOCAL,
            HttpProberTest.VANTAGE);

    assertThat(r.failure()).hasValue("tls: untrusted certificate");
  }

  @Test
  void selfSignedCertificate_isAccepted_whenTheEndpointTurnsVerificationOff() {
    ProbeResult r =
        defaultTrust.probe(
            endpoint("127.0.0.1").hostHeader("other.test").tlsVerify(false).build(),
            HttpProberTest.LOCAL,
            HttpProberTest.VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(r.httpStatus()).hasValue(200);
  }

  @Test
  void trustedCertificate_isVerifiedAgainstTheHostHeaderName_sentAsSni() {
    ProbeResult r =
        testTrust.probe(
            endpoint("127.0.0.1").hostHeader("probe.test").build(),
            HttpProberTest.LOCAL,
            HttpProberTest.VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(server.sniNames).containsExactly("probe.test");
    assertThat(server.hostHeaders).containsExactly("probe.test:" + server.port());
    assertThat(testTrust.heldTlsBindings()).isZero();
  }

  @Test
  void certificateForAnotherName_isRejected() {
    ProbeResult r =
        testTrust.probe(
            endpoint("127.0.0.1").hostHeader("other.test").build(),
            HttpProberTest.LOCAL,
            HttpProberTest.VANTAGE);

    assertThat(r.failure()).hasValue("tls: certificate does not match the host name");
    assertThat(server.sniNames).containsExactly("other.test");
  }

  @Test
  void hostNameAddress_isResolvedOnce_andUsedForSniAndVerification() {
    ProbeResult r =
        testTrust.probe(
            endpoint("probe.test").build(), HttpProberTest.LOCAL, HttpProberTest.VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(server.sniNames).containsExactly("probe.test");
  }

  @Test
  void ipAddressWithoutName_isVerifiedAgainstTheIpSan_withoutSni() {
    ProbeResult r =
        testTrust.probe(
            endpoint("127.0.0.1").build(), HttpProberTest.LOCAL, HttpProberTest.VANTAGE);

    assertThat(r.ok()).isTrue();
    assertThat(server.sniNames).isEmpty();
  }

  @Test
  void concurrentProbesOfOneAddressWithDifferentNames_eachPresentTheirOwnName() throws Exception {
    List<ProbeResult> results;
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var futures =
          java.util.stream.IntStream.range(0, 20)
              .mapToObj(
                  i ->
                      threads.submit(
                          () ->
                              testTrust.probe(
                                  endpoint("127.0.0.1")
                                      .hostHeader(i % 2 == 0 ? "probe.test" : "other.test")
                                      .build(),
                                  PATIENT,
                                  HttpProberTest.VANTAGE)))
              .toList();
      results = new java.util.ArrayList<>();
      for (var f : futures) {
        results.add(f.get());
      }
    }
    for (int i = 0; i < results.size(); i++) {
      if (i % 2 == 0) {
        assertThat(results.get(i).ok()).as("probe %d (probe.test)", i).isTrue();
      } else {
        assertThat(results.get(i).failure())
            .as("probe %d (other.test)", i)
            .hasValue("tls: certificate does not match the host name");
      }
    }
    assertThat(testTrust.heldTlsBindings()).isZero();
  }
}
