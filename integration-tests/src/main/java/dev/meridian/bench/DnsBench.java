package dev.meridian.bench;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.DnsRecordSet.Routing;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.ServiceName;
import dev.meridian.local.dns.DnsServerConfig;
import dev.meridian.local.dns.EmbeddedDnsServer;
import dev.meridian.local.dns.LocalDnsPublisher;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Embedded DNS server throughput (a command, not a test): starts the production {@link
 * EmbeddedDnsServer} on 127.0.0.1 over a {@link LocalDnsPublisher} holding a weighted record set
 * (three regions, two addresses each, as the scheduler publishes it) and loads it over UDP with
 *
 * <ul>
 *   <li>{@code dnsperf} (when on PATH): {@code -l SECONDS -c 4 -Q LIMIT}; its own report is
 *       printed;
 *   <li>a Java load client: {@code --threads} closed-loop senders, each keeping {@code --window}
 *       queries in flight on its own socket; a query unanswered after 1 s counts as lost. It prints
 *       answered queries/s, latency p50/p99/p999/max and the loss rate.
 * </ul>
 *
 * <pre>
 * java -cp 'integration-tests/target/classes:integration-tests/target/lib/*' \
 *   dev.meridian.bench.DnsBench [--client both|java|dnsperf] [--seconds 20] [--threads 4]
 *   [--window 16]
 * </pre>
 */
public final class DnsBench {
  static final String NAME = "api.bench.test";
  private static final Duration LOSS_TIMEOUT = Duration.ofSeconds(1);

  private DnsBench() {}

  public static void main(String[] args) throws Exception {
    String client = arg(args, "--client", "both");
    int seconds = Integer.parseInt(arg(args, "--seconds", "20"));
    int threads = Integer.parseInt(arg(args, "--threads", "4"));
    int window = Integer.parseInt(arg(args, "--window", "16"));
    if (seconds < 1 || seconds > 120 || threads < 1 || window < 1 || window > 1024) {
      throw new IllegalArgumentException("--seconds 1..120, --threads >= 1, --window 1..1024");
    }
    Logs.quiet();
    LocalDnsPublisher publisher = new LocalDnsPublisher();
    publisher.publish(ServiceName.of(NAME), records(), 1);
    try (EmbeddedDnsServer server =
        new EmbeddedDnsServer(DnsServerConfig.loopback(0), publisher, new SplittableRandom(7))
            .start()) {
      InetSocketAddress at = server.address();
      System.out.printf(
          Locale.ROOT,
          "Embedded DNS server on %s:%d, %s A (weighted, 3 regions x 2 addresses), %s%n",
          at.getAddress().getHostAddress(),
          at.getPort(),
          NAME,
          Machine.describe());
      warmUp(at);
      if (!client.equals("java")) {
        runDnsperf(at, seconds);
      }
      if (!client.equals("dnsperf")) {
        long before = server.queries();
        Result r = javaLoad(at, Duration.ofSeconds(seconds), threads, window);
        System.out.println(r.format(threads, window));
        System.out.printf(Locale.ROOT, "  server counted %d queries%n", server.queries() - before);
      }
    }
  }

  static List<DnsRecordSet> records() {
    List<DnsRecordSet> sets = new ArrayList<>();
    String[][] regions = {
      {"us-east-1", "100", "127.0.0.11", "127.0.0.21"},
      {"us-west-2", "100", "127.0.0.12", "127.0.0.22"},
      {"eu-west-1", "50", "127.0.0.13", "127.0.0.23"}
    };
    for (String[] r : regions) {
      sets.add(
          new DnsRecordSet(
              NAME,
              RecordType.A,
              5,
              Optional.of(DnsRecordSet.OWNER_PREFIX + r[0]),
              new Routing.Weighted(Integer.parseInt(r[1])),
              List.of(r[2], r[3]),
              Optional.empty()));
    }
    return sets;
  }

  static byte[] query() throws IOException {
    Record q = Record.newRecord(Name.fromString(NAME + "."), Type.A, DClass.IN);
    return Message.newQuery(q).toWire();
  }

  /** JIT warm-up and a check that the server answers NOERROR with addresses. */
  private static void warmUp(InetSocketAddress at) throws IOException {
    byte[] q = query();
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(2000);
      s.connect(at);
      byte[] buf = new byte[512];
      for (int i = 0; i < 20_000; i++) {
        s.send(new DatagramPacket(q, q.length));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        if (i == 0) {
          Message m = new Message(Arrays.copyOf(buf, p.getLength()));
          if (m.getRcode() != 0 || m.getSection(1).isEmpty()) {
            throw new IllegalStateException("unexpected answer: " + m);
          }
        }
      }
    }
  }

  private static void runDnsperf(InetSocketAddress at, int seconds) throws Exception {
    Optional<Path> dnsperf = onPath("dnsperf");
    if (dnsperf.isEmpty()) {
      System.out.println("dnsperf: not installed (apt-get install dnsperf); skipped");
      return;
    }
    Path data = Files.createTempFile("meridian-dnsperf", ".txt");
    try {
      Files.writeString(data, NAME + " A\n", StandardCharsets.US_ASCII);
      List<String> cmd =
          List.of(
              dnsperf.get().toString(),
              "-s",
              at.getAddress().getHostAddress(),
              "-p",
              Integer.toString(at.getPort()),
              "-d",
              data.toString(),
              "-l",
              Integer.toString(seconds),
              "-c",
              "4",
              "-Q",
              "200000",
              "-t",
              "1");
      System.out.println("dnsperf: " + String.join(" ", cmd));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      out.lines()
          .filter(
              l ->
                  l.contains("Queries sent")
                      || l.contains("Queries completed")
                      || l.contains("Queries lost")
                      || l.contains("Queries per second")
                      || l.contains("Average Latency")
                      || l.contains("Latency StdDev")
                      || l.contains("Run time"))
          .forEach(l -> System.out.println("  " + l.trim()));
    } finally {
      Files.deleteIfExists(data);
    }
  }

  static Optional<Path> onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, exe);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  record Result(long sent, long answered, long lost, double seconds, long[] latenciesNanos) {
    String format(int threads, int window) {
      long[] l = latenciesNanos;
      Arrays.sort(l);
      return String.format(
          Locale.ROOT,
          "java client (%d threads x %d in flight, UDP): %,d sent, %,d answered in %.1f s ->"
              + " %,.0f answered queries/s; latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms,"
              + " max %.3f ms; lost %d (%.4f %%)",
          threads,
          window,
          sent,
          answered,
          seconds,
          answered / seconds,
          pct(l, 0.50),
          pct(l, 0.99),
          pct(l, 0.999),
          l.length == 0 ? 0 : l[l.length - 1] / 1e6,
          lost,
          sent == 0 ? 0 : 100.0 * lost / sent);
    }

    private static double pct(long[] sorted, double q) {
      if (sorted.length == 0) {
        return 0;
      }
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }
  }

  /**
   * Closed loop per thread: keep {@code window} queries in flight, each with its own id; a reply
   * frees a slot; after {@link #LOSS_TIMEOUT} without any reply every in-flight query counts as
   * lost and the window refills. Latencies are sampled (every reply, up to 2M per thread).
   */
  static Result javaLoad(InetSocketAddress at, Duration duration, int threads, int window)
      throws Exception {
    byte[] template = query();
    LongAdder sent = new LongAdder();
    LongAdder answered = new LongAdder();
    LongAdder lost = new LongAdder();
    List<long[]> samples = new ArrayList<>();
    List<int[]> sampleCounts = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int t = 0; t < threads; t++) {
      long[] lat = new long[2_000_000];
      int[] count = {0};
      samples.add(lat);
      sampleCounts.add(count);
      int base = t * 4096;
      workers.add(
          Thread.ofPlatform()
              .name("dns-load-" + t)
              .start(
                  () -> {
                    try (DatagramSocket s = new DatagramSocket()) {
                      s.setSoTimeout((int) LOSS_TIMEOUT.toMillis());
                      s.setReceiveBufferSize(1 << 20);
                      s.connect(at);
                      long[] sentAt = new long[65536];
                      boolean[] inFlight = new boolean[65536];
                      int outstanding = 0;
                      int next = 0;
                      byte[] q = template.clone();
                      byte[] buf = new byte[512];
                      DatagramPacket in = new DatagramPacket(buf, buf.length);
                      while (System.nanoTime() < end) {
                        while (outstanding < window) {
                          int id = (base + (next++ & 4095)) & 0xFFFF;
                          if (inFlight[id]) {
                            continue;
                          }
                          q[0] = (byte) (id >>> 8);
                          q[1] = (byte) id;
                          sentAt[id] = System.nanoTime();
                          inFlight[id] = true;
                          s.send(new DatagramPacket(q, q.length));
                          sent.increment();
                          outstanding++;
                        }
                        try {
                          in.setLength(buf.length);
                          s.receive(in);
                        } catch (SocketTimeoutException e) {
                          for (int i = 0; i < inFlight.length; i++) {
                            if (inFlight[i]) {
                              inFlight[i] = false;
                              lost.increment();
                            }
                          }
                          outstanding = 0;
                          continue;
                        }
                        int id = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
                        int rcode = buf[3] & 0x0F;
                        if (!inFlight[id] || rcode != 0) {
                          continue;
                        }
                        inFlight[id] = false;
                        outstanding--;
                        answered.increment();
                        if (count[0] < lat.length) {
                          lat[count[0]++] = System.nanoTime() - sentAt[id];
                        }
                      }
                      // Whatever is still in flight at the end is neither answered nor lost.
                      for (boolean f : inFlight) {
                        if (f) {
                          sent.decrement();
                        }
                      }
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
    }
    for (Thread w : workers) {
      w.join();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    int total = sampleCounts.stream().mapToInt(c -> c[0]).sum();
    long[] all = new long[total];
    int pos = 0;
    for (int i = 0; i < samples.size(); i++) {
      int c = sampleCounts.get(i)[0];
      System.arraycopy(samples.get(i), 0, all, pos, c);
      pos += c;
    }
    return new Result(sent.sum(), answered.sum(), lost.sum(), secs, all);
  }

  static String arg(String[] args, String name, String def) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return def;
  }
}
