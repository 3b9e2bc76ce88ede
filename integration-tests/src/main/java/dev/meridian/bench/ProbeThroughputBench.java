package dev.meridian.bench;

import com.sun.net.httpserver.HttpServer;
import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.probe.ProbeEngine;
import dev.meridian.probe.ProbeEngineConfig;
import dev.meridian.probe.ProbeTarget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Probe throughput benchmark (a command, not a test): probes N loopback HTTP endpoints per cycle
 * through the production {@link ProbeEngine} (shared JDK HttpClient, SSRF guard, virtual threads,
 * semaphore) and prints probes/s per cycle, p50/p99 probe latency and heap use.
 *
 * <p>The endpoints are spread over several loopback listeners (127.0.0.1–127.0.0.8, a few ports
 * each) with a distinct path per endpoint. By default the listeners are a minimal NIO responder
 * (read the request head, answer {@code 200 ok}, close) so that the figures measure the probe side,
 * not the JDK's HttpServer; {@code --server jdk} uses {@code com.sun.net.httpserver} instead.
 *
 * <p>CPU: "probe cpu s" is the process CPU time of the cycle minus the responder thread's (the
 * endpoints would be remote in production), so "probes/cpu-s" times the core count estimates the
 * throughput on dedicated cores even on a shared machine. With {@code --server jdk} the server's
 * CPU cannot be separated and is included.
 *
 * <pre>
 * java -Xmx256m -cp 'integration-tests/target/classes:integration-tests/target/lib/*' \
 *   dev.meridian.bench.ProbeThroughputBench [--endpoints 5000] [--cycles 40] [--concurrency 256]
 *   [--listeners 16] [--server nio|jdk] [--max-seconds 45]
 * </pre>
 */
public final class ProbeThroughputBench {
  private static final byte[] RESPONSE =
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
          .getBytes(StandardCharsets.US_ASCII);

  /** Threads serving the endpoints (platform threads), so their CPU can be told apart. */
  private static final List<Thread> SERVER_THREADS =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private ProbeThroughputBench() {}

  private static long serverCpuNanos() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread th : SERVER_THREADS) {
      long n = t.getThreadCpuTime(th.threadId());
      sum += Math.max(0, n);
    }
    return sum;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    int endpoints = Integer.parseInt(opt.getOrDefault("endpoints", "5000"));
    int cycles = Integer.parseInt(opt.getOrDefault("cycles", "40"));
    int concurrency =
        Integer.parseInt(
            opt.getOrDefault(
                "concurrency", Integer.toString(ProbeEngineConfig.DEFAULT_MAX_CONCURRENCY)));
    int listeners = Integer.parseInt(opt.getOrDefault("listeners", "16"));
    String serverKind = opt.getOrDefault("server", "nio");
    long maxNanos =
        Duration.ofSeconds(Long.parseLong(opt.getOrDefault("max-seconds", "45"))).toNanos();

    System.out.printf(
        "ProbeThroughputBench: %d endpoints/cycle, %d listeners (%s), concurrency %d, up to %d"
            + " cycles%n",
        endpoints, listeners, serverKind, concurrency, cycles);
    System.out.printf(
        "JVM %s, %d CPUs, max heap %d MB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));

    List<InetSocketAddress> addresses = new ArrayList<>();
    AutoCloseable servers =
        serverKind.equals("jdk")
            ? jdkServers(listeners, addresses)
            : nioServers(listeners, addresses);
    ServiceName service = ServiceName.of("bench.example.test");
    ServiceConfig config =
        ServiceConfig.builder(service)
            .allowPrivateTargets(true)
            .probe(new ProbeSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), 2, 3))
            .build();
    List<ProbeTarget> targets = new ArrayList<>(endpoints);
    for (int i = 0; i < endpoints; i++) {
      InetSocketAddress a = addresses.get(i % addresses.size());
      Endpoint e =
          Endpoint.builder(
                  service,
                  EndpointId.of("ep-" + i),
                  Region.of("us-east-1"),
                  a.getAddress().getHostAddress())
              .port(a.getPort())
              .healthPath("/health/" + i)
              .build();
      targets.add(new ProbeTarget(e, config));
    }

    long peakUsedAfterCycle = 0;
    long peakLive = 0;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> rates = new ArrayList<>();
    List<Double> cpuRates = new ArrayList<>();
    long[] allLatencies = new long[0];
    long started = System.nanoTime();
    try (servers;
        ProbeEngine engine =
            ProbeEngine.create(
                ProbeEngineConfig.DEFAULT.withMaxConcurrency(concurrency), Clock.systemUTC())) {
      System.out.println(
          "cycle  probes  failures  seconds  probes/s  probe cpu s  server cpu s  probes/cpu-s  p50"
              + " ms  p99 ms  heap MB  live MB");
      for (int c = 1; c <= cycles && System.nanoTime() - started < maxNanos; c++) {
        long cpu0 = os.getProcessCpuTime();
        long server0 = serverCpuNanos();
        long t0 = System.nanoTime();
        List<ProbeResult> results = engine.probeAll(targets, Region.of("eu-west-1"));
        double secs = (System.nanoTime() - t0) / 1e9;
        double serverSecs = (serverCpuNanos() - server0) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - cpu0) / 1e9 - serverSecs;
        cpuRates.add(results.size() / cpuSecs);
        long failures = results.stream().filter(r -> !r.ok()).count();
        long[] lat = results.stream().mapToLong(r -> r.latency().toNanos()).sorted().toArray();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakUsedAfterCycle = Math.max(peakUsedAfterCycle, used);
        // Outside the timed window: what survives a full GC (the engine's live set).
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakLive = Math.max(peakLive, live);
        double rate = results.size() / secs;
        rates.add(rate);
        if (c > 1) {
          allLatencies = concat(allLatencies, lat);
        }
        System.out.printf(
            "%5d  %6d  %8d  %7.2f  %8.0f  %11.2f  %12.2f  %12.0f  %6.1f  %6.1f  %7d  %7d%n",
            c,
            results.size(),
            failures,
            secs,
            rate,
            cpuSecs,
            serverSecs,
            results.size() / cpuSecs,
            pct(lat, 0.50),
            pct(lat, 0.99),
            used / (1024 * 1024),
            live / (1024 * 1024));
        if (failures > 0) {
          results.stream()
              .filter(r -> !r.ok())
              .limit(3)
              .forEach(
                  r -> System.out.println("  e.g. " + r.endpoint() + ": " + r.failure().get()));
        }
      }
    }
    Arrays.sort(allLatencies);
    long poolPeak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        poolPeak += p.getPeakUsage().getUsed();
      }
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    // Cycle 1 is all JIT warm-up; the second half of the run is the warm engine.
    List<Double> afterFirst = rates.size() > 1 ? rates.subList(1, rates.size()) : rates;
    List<Double> cpuAfterFirst =
        cpuRates.size() > 1 ? cpuRates.subList(1, cpuRates.size()) : cpuRates;
    List<Double> warm = rates.subList(rates.size() / 2, rates.size());
    List<Double> cpuWarm = cpuRates.subList(cpuRates.size() / 2, cpuRates.size());
    System.out.printf(
        "summary, cycles 2..%d: median %.0f probes/s (best %.0f); median %.0f probes per probe-side"
            + " CPU-second = %.0f probes/s on %d dedicated cores%n",
        rates.size(),
        median(afterFirst),
        afterFirst.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        median(cpuAfterFirst),
        median(cpuAfterFirst) * cpus,
        cpus);
    System.out.printf(
        "summary, warm half (cycles %d..%d): median %.0f probes/s; median %.0f probes per"
            + " probe-side CPU-second = %.0f probes/s on %d dedicated cores%n",
        rates.size() / 2 + 1,
        rates.size(),
        median(warm),
        median(cpuWarm),
        median(cpuWarm) * cpus,
        cpus);
    System.out.printf(
        "latency over cycles 2..n: p50 %.1f ms, p99 %.1f ms; heap: peak used after a cycle %d MB,"
            + " peak live (after GC) %d MB, sum of heap pool peaks %d MB, max heap %d MB%n",
        pct(allLatencies, 0.50),
        pct(allLatencies, 0.99),
        peakUsedAfterCycle / (1024 * 1024),
        peakLive / (1024 * 1024),
        poolPeak / (1024 * 1024),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static double median(List<Double> values) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  private static double pct(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, i)] / 1e6;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --name value ... (got " + args[i] + ")");
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }

  private static InetSocketAddress listenAddress(int i) {
    return new InetSocketAddress("127.0.0." + (1 + i % 8), 0);
  }

  /** Listeners on com.sun.net.httpserver with a virtual-thread executor. */
  private static AutoCloseable jdkServers(int n, List<InetSocketAddress> out) throws IOException {
    List<HttpServer> servers = new ArrayList<>();
    ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < n; i++) {
      HttpServer s = HttpServer.create(listenAddress(i), 1024);
      s.setExecutor(exec);
      s.createContext(
          "/",
          ex -> {
            try (ex) {
              ex.getRequestBody().readAllBytes();
              ex.sendResponseHeaders(200, 2);
              ex.getResponseBody().write(new byte[] {'o', 'k'});
            }
          });
      s.start();
      servers.add(s);
      out.add(s.getAddress());
    }
    return () -> {
      servers.forEach(s -> s.stop(0));
      exec.shutdownNow();
    };
  }

  /**
   * A minimal single-threaded NIO responder: accepts, reads until the end of the request head,
   * writes a fixed {@code 200 ok} with {@code Connection: close} and closes.
   */
  private static AutoCloseable nioServers(int n, List<InetSocketAddress> out) throws IOException {
    Selector selector = Selector.open();
    List<ServerSocketChannel> channels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ServerSocketChannel ch = ServerSocketChannel.open();
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(listenAddress(i), 4096);
      ch.configureBlocking(false);
      ch.register(selector, SelectionKey.OP_ACCEPT);
      channels.add(ch);
      out.add((InetSocketAddress) ch.getLocalAddress());
    }
    Thread loop =
        Thread.ofPlatform()
            .name("bench-responder")
            .daemon()
            .start(
                () -> {
                  try {
                    while (selector.isOpen()) {
                      selector.select();
                      Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                      while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        try {
                          handle(selector, k);
                        } catch (IOException e) {
                          k.cancel();
                          k.channel().close();
                        }
                      }
                    }
                  } catch (Exception e) {
                    if (selector.isOpen()) {
                      e.printStackTrace();
                    }
                  }
                });
    SERVER_THREADS.add(loop);
    return () -> {
      selector.close();
      for (ServerSocketChannel ch : channels) {
        ch.close();
      }
      loop.join(1000);
    };
  }

  private static void handle(Selector selector, SelectionKey k) throws IOException {
    if (k.isAcceptable()) {
      SocketChannel c;
      while ((c = ((ServerSocketChannel) k.channel()).accept()) != null) {
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(2048));
      }
      return;
    }
    SocketChannel c = (SocketChannel) k.channel();
    ByteBuffer buf = (ByteBuffer) k.attachment();
    if (k.isReadable()) {
      int r = c.read(buf);
      if (r < 0) {
        k.cancel();
        c.close();
        return;
      }
      if (!headComplete(buf) && buf.hasRemaining()) {
        return;
      }
      ByteBuffer reply = ByteBuffer.wrap(RESPONSE);
      c.write(reply);
      if (reply.hasRemaining()) {
        k.attach(reply);
        k.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      k.cancel();
      c.close();
    } else if (k.isWritable()) {
      c.write(buf);
      if (!buf.hasRemaining()) {
        k.cancel();
        c.close();
      }
    }
  }

  private static boolean headComplete(ByteBuffer buf) {
    int p = buf.position();
    return p >= 4
        && buf.get(p - 4) == '\r'
        && buf.get(p - 3) == '\n'
        && buf.get(p - 2) == '\r'
        && buf.get(p - 1) == '\n';
  }
}
