package dev.meridian.probe;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** Real HTTP(S) and TCP servers on 127.0.0.1 for probe tests. */
final class LoopbackHttp implements AutoCloseable {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  final Queue<String> hostHeaders = new ConcurrentLinkedQueue<>();
  final Queue<String> sniNames = new ConcurrentLinkedQueue<>();
  final AtomicInteger requests = new AtomicInteger();

  /** Released when the test ends, so "slow" handlers never outlive it. */
  final CountDownLatch release = new CountDownLatch(1);

  private LoopbackHttp(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
  }

  static LoopbackHttp http() throws IOException {
    return new LoopbackHttp(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
  }

  static LoopbackHttp https(SSLContext tls) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    LoopbackHttp h = new LoopbackHttp(s);
    s.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = tls.getDefaultSSLParameters();
            p.setSNIMatchers(
                List.of(
                    new SNIMatcher(0) {
                      @Override
                      public boolean matches(SNIServerName name) {
                        h.sniNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                        return true;
                      }
                    }));
            params.setSSLParameters(p);
          }
        });
    return h;
  }

  LoopbackHttp start() {
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Answers {@code path} with {@code status} and {@code body}. */
  LoopbackHttp respond(String path, int status, String body) {
    return handle(
        path,
        ex -> {
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
          if (b.length > 0) {
            ex.getResponseBody().write(b);
          }
        });
  }

  LoopbackHttp redirect(String path, int status, String location) {
    return handle(
        path,
        ex -> {
          ex.getResponseHeaders().add("Location", location);
          ex.sendResponseHeaders(status, -1);
        });
  }

  /** Never answers until the test ends. */
  LoopbackHttp hang(String path) {
    return handle(
        path,
        ex -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(200, -1);
        });
  }

  interface Handler {
    void handle(HttpExchange ex) throws IOException;
  }

  LoopbackHttp handle(String path, Handler h) {
    HttpHandler wrapped =
        ex -> {
          try (ex) {
            requests.incrementAndGet();
            Headers hs = ex.getRequestHeaders();
            hostHeaders.add(String.valueOf(hs.getFirst("Host")));
            try (InputStream in = ex.getRequestBody()) {
              in.readAllBytes();
            }
            h.handle(ex);
          }
        };
    server.createContext(path, wrapped);
    return this;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** A TCP server that accepts and immediately resets every connection (SO_LINGER 0). */
  static final class Resetter implements AutoCloseable {
    final ServerSocket socket;
    private final Thread acceptor;

    Resetter() throws IOException {
      socket = new ServerSocket(0, 64, LOOPBACK);
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!socket.isClosed()) {
                      try {
                        Socket s = socket.accept();
                        s.setSoLinger(true, 0);
                        s.close();
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      acceptor.interrupt();
    }
  }

  /** A free loopback port with nothing listening (bound, then closed). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  /**
   * A self-signed certificate for {@code probe.test} and 127.0.0.1 made with the JDK's keytool into
   * {@code dir} (generated at test time; nothing is committed).
   */
  static KeyStore selfSignedKeyStore(Path dir) throws Exception {
    Path ks = dir.resolve("probe-test.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "probe",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=probe.test",
                "-ext",
                "SAN=dns:probe.test,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                ks.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    return store;
  }

  static SSLContext serverContext(KeyStore ks) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client context that trusts exactly the certificate in {@code ks}. */
  static SSLContext trusting(KeyStore ks) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("probe", ks.getCertificate("probe"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
