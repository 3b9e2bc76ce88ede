package dev.meridian.probe;

import dev.meridian.core.model.Address;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Protocol;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTP and HTTPS probes on the JDK {@link HttpClient}: one shared client per trust mode for the
 * whole process (the verifying one, and a non-verifying one created only when an endpoint turns TLS
 * verification off).
 *
 * <p>Each probe: vets the address with the {@link SsrfGuard} (after DNS resolution), sends {@code
 * GET <healthPath>} over HTTP/1.1 to the vetted IP literal with {@code Connection: close}, the
 * endpoint's Host header and, for HTTPS, its SNI / verification name (see {@link TlsNameBinding}),
 * then checks the status range and, when configured, that the first {@link
 * ProbeEngineConfig#maxBodyBytes()} bytes of the body contain the expected text. The whole probe
 * (DNS, connect, TLS, headers, body) is bounded by the service's probe timeout. Redirects are not
 * followed unless {@link ProbeEngineConfig#maxRedirects()} is positive; each redirect target is
 * vetted again by the guard before it is contacted.
 *
 * <p>The Host and Connection headers are "restricted" in the JDK client; this class enables them
 * through {@value #RESTRICTED_HEADERS_PROPERTY} in its static initialiser, which only works if no
 * {@code java.net.http} request was built earlier in the JVM. Lambda and local entry points load
 * the probe engine before anything else; otherwise pass {@code
 * -Djdk.httpclient.allowRestrictedHeaders=host,connection}. The constructor fails fast if the
 * setting did not take.
 */
public final class HttpProber implements Prober, AutoCloseable {

  static final String RESTRICTED_HEADERS_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  static {
    allowRestrictedHeaders();
  }

  private final SsrfGuard guard;
  private final Clock clock;
  private final ProbeEngineConfig config;
  private final TlsNameBinding tlsNames = new TlsNameBinding();

  /**
   * Runs the client's internal completion tasks. They never block, so a small fixed pool of
   * platform threads does; measured ~20% less CPU per probe than a virtual thread per task, and
   * ~50% less than the JDK's default cached pool (docs/benchmarks.md).
   */
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          Thread.ofPlatform().name("probe-http-", 0).daemon().factory());

  private final HttpClient verifying;
  private final Object insecureLock = new Object();
  private volatile HttpClient insecure;

  /**
   * @param verifyingTls the SSL context whose trust store verifies HTTPS endpoints ({@link
   *     SSLContext#getDefault()} in production; tests pass one that trusts a test CA)
   */
  public HttpProber(
      SsrfGuard guard, Clock clock, ProbeEngineConfig config, SSLContext verifyingTls) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    requireRestrictedHeadersAllowed();
    this.verifying = newClient(Objects.requireNonNull(verifyingTls, "verifyingTls"));
  }

  /** Enables the Host and Connection request headers on the JDK client (see class comment). */
  static void allowRestrictedHeaders() {
    String current = System.getProperty(RESTRICTED_HEADERS_PROPERTY, "");
    Set<String> have = Set.of(current.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
    StringBuilder v = new StringBuilder(current);
    for (String h : List.of("host", "connection")) {
      if (!have.contains(h)) {
        v.append(v.isEmpty() ? "" : ",").append(h);
      }
    }
    System.setProperty(RESTRICTED_HEADERS_PROPERTY, v.toString());
  }

  private static void requireRestrictedHeadersAllowed() {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/"))
          .header("Host", "probe.check")
          .header("Connection", "close");
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "java.net.http was initialised before the probe engine, so probes cannot set the Host"
              + " header; start the JVM with -D"
              + RESTRICTED_HEADERS_PROPERTY
              + "=host,connection",
          e);
    }
  }

  private HttpClient newClient(SSLContext tls) {
    SSLParameters defaults = tls.getDefaultSSLParameters();
    // No server names here: the engine then takes SNI from the name it was created for.
    SSLParameters params = new SSLParameters(defaults.getCipherSuites(), defaults.getProtocols());
    params.setEndpointIdentificationAlgorithm("HTTPS");
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .sslContext(tlsNames.wrap(tls))
        .sslParameters(params)
        .executor(executor)
        .build();
  }

  private HttpClient insecureClient() {
    HttpClient c = insecure;
    if (c == null) {
      synchronized (insecureLock) {
        c = insecure;
        if (c == null) {
          c = newClient(trustAll());
          insecure = c;
        }
      }
    }
    return c;
  }

  @Override
  public ProbeResult probe(Endpoint endpoint, ServiceConfig serviceConfig, Region vantage) {
    if (endpoint.protocol() == Protocol.TCP) {
      throw new IllegalArgumentException("HttpProber cannot probe TCP endpoint " + endpoint.id());
    }
    Instant at = clock.instant();
    long start = System.nanoTime();
    long deadline = start + serviceConfig.probe().timeout().toNanos();
    Outcome o = run(endpoint, serviceConfig.allowPrivateTargets(), deadline);
    Duration latency = Duration.ofNanos(Math.max(0, System.nanoTime() - start));
    return new ProbeResult(
        endpoint.service(), endpoint.id(), vantage, at, o.failure(), latency, o.status());
  }

  /** Where one hop of the probe goes: the logical URI (with names) and the names to present. */
  private record Hop(URI logical, boolean https, Optional<String> tlsName, Optional<String> host) {}

  private record Outcome(Optional<String> failure, OptionalInt status) {
    static Outcome failed(String reason) {
      return new Outcome(Optional.of(reason), OptionalInt.empty());
    }

    static Outcome failed(String reason, int status) {
      return new Outcome(Optional.of(reason), OptionalInt.of(status));
    }
  }

  private Outcome run(Endpoint ep, boolean allowPrivate, long deadline) {
    Hop hop;
    try {
      hop = firstHop(ep);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Outcome.failed("invalid health path");
    }
    for (int redirects = 0; ; redirects++) {
      InetAddress ip;
      try {
        ip =
            redirects == 0
                ? guard.vet(ep.address(), allowPrivate)
                : guard.vetHost(hop.logical().getHost(), allowPrivate);
      } catch (SsrfGuard.ForbiddenTargetException e) {
        return Outcome.failed(Failures.forbidden(e.getMessage()));
      } catch (UnknownHostException e) {
        return Outcome.failed(Failures.dns(hop.logical().getHost()));
      }
      if (System.nanoTime() >= deadline) {
        return Outcome.failed(Failures.TIMEOUT);
      }
      HttpResponse<byte[]> response;
      try {
        boolean needBody = ep.bodyContains().isPresent();
        response = exchange(hop, ip, ep.tlsVerify() || !hop.https(), needBody, deadline);
      } catch (TimeoutException e) {
        return Outcome.failed(Failures.TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.failed("interrupted");
      } catch (ExecutionException e) {
        return Outcome.failed(Failures.of(e));
      } catch (IllegalArgumentException e) {
        return Outcome.failed("invalid request: " + e.getClass().getSimpleName());
      }
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (REDIRECTS.contains(status) && redirects < config.maxRedirects() && location.isPresent()) {
        try {
          hop = nextHop(hop, location.get());
        } catch (URISyntaxException | IllegalArgumentException e) {
          return Outcome.failed("invalid redirect location", status);
        }
        continue;
      }
      if (REDIRECTS.contains(status) && config.maxRedirects() > 0 && location.isPresent()) {
        return Outcome.failed("too many redirects", status);
      }
      if (!ep.expectedStatus().contains(status)) {
        return Outcome.failed(Failures.status(status), status);
      }
      if (ep.bodyContains().isPresent()
          && indexOf(response.body(), ep.bodyContains().get().getBytes(StandardCharsets.UTF_8))
              < 0) {
        return Outcome.failed(Failures.BODY_MISMATCH, status);
      }
      return new Outcome(Optional.empty(), OptionalInt.of(status));
    }
  }

  private static Hop firstHop(Endpoint ep) throws URISyntaxException {
    boolean https = ep.protocol() == Protocol.HTTPS;
    String scheme = https ? "https" : "http";
    URI logical =
        new URI(scheme + "://" + uriHost(ep.address()) + ":" + ep.port() + ep.healthPath());
    Optional<String> name =
        ep.hostHeader()
            .or(() -> ep.address().isIp() ? Optional.empty() : Optional.of(ep.address().value()));
    return new Hop(logical, https, https ? name : Optional.empty(), name);
  }

  private static Hop nextHop(Hop from, String location) throws URISyntaxException {
    URI next = from.logical().resolve(new URI(location.trim()));
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new URISyntaxException(location, "redirect scheme is not http(s)");
    }
    if (next.getHost() == null || next.getRawUserInfo() != null) {
      throw new URISyntaxException(location, "redirect has no host or carries user info");
    }
    boolean https = scheme.equals("https");
    int port = next.getPort() != -1 ? next.getPort() : https ? 443 : 80;
    String path =
        next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
    String query = next.getRawQuery() == null ? "" : "?" + next.getRawQuery();
    URI logical = new URI(scheme + "://" + next.getHost() + ":" + port + path + query);
    boolean sameHost = next.getHost().equalsIgnoreCase(from.logical().getHost());
    Optional<String> name;
    if (sameHost) {
      name = from.host();
    } else {
      String h = stripBrackets(next.getHost());
      name = Address.parse(h).isIp() ? Optional.empty() : Optional.of(h.toLowerCase(Locale.ROOT));
    }
    return new Hop(logical, https, https ? name : Optional.empty(), name);
  }

  private HttpResponse<byte[]> exchange(
      Hop hop, InetAddress ip, boolean verify, boolean needBody, long deadline)
      throws TimeoutException, InterruptedException, ExecutionException {
    URI logical = hop.logical();
    int port = logical.getPort();
    String literal = ip.getHostAddress();
    String target = uriHost(literal, ip) + ":" + port;
    URI uri =
        URI.create(
            logical.getScheme()
                + "://"
                + target
                + logical.getRawPath()
                + (logical.getRawQuery() == null ? "" : "?" + logical.getRawQuery()));
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new TimeoutException();
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(Duration.ofNanos(left))
            .header("User-Agent", config.userAgent())
            .header("Accept", "*/*")
            .header("Connection", "close");
    hop.host().ifPresent(h -> b.header("Host", hostHeader(h, port, hop.https())));
    HttpClient client = verify ? verifying : insecureClient();
    int cap = needBody ? config.maxBodyBytes() : 0;
    TlsNameBinding.Lease lease =
        hop.tlsName().isPresent()
            ? tlsNames.bind(literal, port, hop.tlsName().get(), deadline)
            : null;
    CompletableFuture<HttpResponse<byte[]>> f = null;
    try {
      f = client.sendAsync(b.build(), info -> new CappedBody(cap));
      return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      if (f != null) {
        f.cancel(true);
      }
      throw e;
    } finally {
      if (lease != null) {
        lease.close();
      }
    }
  }

  private static String hostHeader(String host, int port, boolean https) {
    return port == (https ? 443 : 80) ? host : host + ":" + port;
  }

  private static String uriHost(Address a) {
    return a.kind() == Address.Kind.IPV6 ? "[" + a.value() + "]" : a.value();
  }

  private static String uriHost(String literal, InetAddress ip) {
    return ip instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  private static String stripBrackets(String h) {
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Number of TLS name bindings currently held (0 when idle); for tests. */
  int heldTlsBindings() {
    return tlsNames.size();
  }

  /** Releases the shared clients and their executor. */
  @Override
  public void close() {
    verifying.shutdownNow();
    HttpClient c = insecure;
    if (c != null) {
      c.shutdownNow();
    }
    executor.shutdownNow();
  }

  /**
   * Collects at most {@code cap} bytes of the body, then stops reading (closing the connection).
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cap == 0) {
        s.cancel();
        result.complete(new byte[0]);
      } else {
        s.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer bb : items) {
        int n = Math.min(bb.remaining(), cap - buf.size());
        byte[] chunk = new byte[n];
        bb.get(chunk);
        buf.write(chunk, 0, n);
        if (buf.size() >= cap) {
          subscription.cancel();
          result.complete(buf.toByteArray());
          return;
        }
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buf.toByteArray());
    }
  }

  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
      return ctx;
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new IllegalStateException("cannot create the non-verifying TLS context", e);
    }
  }

  /**
   * Accepts any server certificate and skips host-name checks; used only for endpoints whose
   * operator turned {@code tlsVerify} off. It must extend the <em>extended</em> trust manager, or
   * JSSE would still run its own host-name check.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
