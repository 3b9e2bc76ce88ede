package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.RecordType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * An authoritative DNS server on UDP and TCP (same port) for the zones of the locally published
 * services, answering with Route 53's routing semantics (see {@link RecordSelector}). Its data is
 * whatever the {@link PublishedRecordSource} (the {@link LocalDnsPublisher}) holds; the index is
 * rebuilt on every publication, before the publication returns.
 *
 * <p>UDP queries are answered on one virtual thread in arrival order (answering takes
 * microseconds); each TCP connection gets its own virtual thread and may carry several
 * length-prefixed queries. A malformed packet gets FORMERR (or is dropped when not even its header
 * is readable) and never stops the server.
 */
public final class EmbeddedDnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDnsServer.class);
  private static final int MAX_UDP_PACKET = 65_535;
  private static final int BIND_ATTEMPTS = 10;
  private static final long STOP_WAIT_MILLIS = 2_000;

  private final DnsServerConfig config;
  private final PublishedRecordSource source;
  private final DnsResponder responder;
  private final Semaphore tcpSlots;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile ZoneIndex index = ZoneIndex.empty();
  private volatile boolean running;
  private volatile boolean started;
  private int boundPort = -1;
  private DatagramSocket udp;
  private ServerSocket tcp;
  private Thread udpThread;
  private Thread tcpThread;

  /**
   * @param random drives weighted and multivalue choices; pass a seeded generator in tests
   */
  public EmbeddedDnsServer(
      DnsServerConfig config, PublishedRecordSource source, RandomGenerator random) {
    this.config = config;
    this.source = source;
    this.responder = new DnsResponder(new RecordSelector(config.clientRegion()), random);
    this.tcpSlots = new Semaphore(config.maxTcpConnections());
  }

  /** Binds UDP and TCP on the configured port (a free one when 0) and starts serving. */
  public synchronized EmbeddedDnsServer start() throws IOException {
    if (started) {
      throw new IllegalStateException("an EmbeddedDnsServer starts once; create a new one");
    }
    started = true;
    source.subscribe(this::reindex);
    reindex(source.current());
    bind();
    running = true;
    udpThread = Thread.ofVirtual().name("dns-udp-" + port()).start(this::udpLoop);
    tcpThread = Thread.ofVirtual().name("dns-tcp-" + port()).start(this::tcpLoop);
    LOG.info(
        "dns.started address={} port={} zones={}",
        config.bindAddress().getHostAddress(),
        port(),
        index.zones().size());
    return this;
  }

  private void bind() throws IOException {
    IOException last = null;
    int attempts = config.port() == 0 ? BIND_ATTEMPTS : 1;
    for (int i = 0; i < attempts; i++) {
      DatagramSocket u = new DatagramSocket(null);
      try {
        u.bind(new InetSocketAddress(config.bindAddress(), config.port()));
        ServerSocket t = new ServerSocket();
        try {
          t.setReuseAddress(true);
          t.bind(new InetSocketAddress(config.bindAddress(), u.getLocalPort()), 128);
        } catch (IOException e) {
          t.close();
          throw e;
        }
        udp = u;
        tcp = t;
        boundPort = u.getLocalPort();
        return;
      } catch (IOException e) {
        u.close();
        last = e;
      }
    }
    String where = config.bindAddress().getHostAddress() + ":" + config.port();
    BindException e =
        new BindException("cannot listen for DNS on " + where + ": " + last.getMessage());
    e.initCause(last);
    throw e;
  }

  /** The port both transports listen on. */
  public int port() {
    return boundPort;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(config.bindAddress(), port());
  }

  /** Queries answered or refused so far (both transports). */
  public long queries() {
    return queries.get();
  }

  /** Packets that could not be parsed as a DNS query. */
  public long malformed() {
    return malformed.get();
  }

  private void reindex(PublishedRecords snapshot) {
    index =
        ZoneIndex.build(snapshot, config.zones(), glueTemplate(), config.negativeTtl().toSeconds());
  }

  /** {@code ns.<zone>} resolves to the address the server listens on (loopback if wildcard). */
  private Optional<DnsRecordSet> glueTemplate() {
    InetAddress a = config.bindAddress();
    if (a.isAnyLocalAddress()) {
      a = InetAddress.getLoopbackAddress();
    }
    RecordType type = a instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
    return Optional.of(
        new DnsRecordSet(
            "ns",
            type,
            ZoneIndex.NS_TTL,
            Optional.empty(),
            new DnsRecordSet.Routing.Simple(),
            java.util.List.of(a.getHostAddress()),
            Optional.empty()));
  }

  private void udpLoop() {
    byte[] buf = new byte[MAX_UDP_PACKET];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    while (running) {
      try {
        packet.setLength(buf.length);
        udp.receive(packet);
        DnsResponder.Reply reply = handle(buf, packet.getLength(), true);
        if (reply.wire().isPresent()) {
          byte[] out = reply.wire().get();
          udp.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
        }
      } catch (SocketException closed) {
        if (running) {
          LOG.warn("dns.udp.error error={}", closed.toString());
        }
      } catch (IOException | RuntimeException e) {
        // One bad exchange must never stop the server.
        LOG.warn("dns.udp.error error={}", e.toString());
      }
    }
  }

  private DnsResponder.Reply handle(byte[] buf, int length, boolean viaUdp) {
    queries.incrementAndGet();
    DnsResponder.Reply reply = responder.respond(index, buf, length, viaUdp);
    if (reply.rcode() == Rcode.FORMERR) {
      malformed.incrementAndGet();
    }
    return reply;
  }

  private void tcpLoop() {
    while (running) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        if (running) {
          LOG.warn("dns.tcp.error error={}", e.toString());
        }
        continue;
      }
      if (!tcpSlots.tryAcquire()) {
        closeQuietly(s);
        continue;
      }
      Thread.ofVirtual()
          .name("dns-tcp-conn")
          .start(
              () -> {
                try {
                  serveConnection(s);
                } finally {
                  tcpSlots.release();
                  closeQuietly(s);
                }
              });
    }
  }

  private void serveConnection(Socket s) {
    try {
      s.setSoTimeout((int) config.tcpIdleTimeout().toMillis());
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (running) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException done) {
          return;
        }
        byte[] msg = new byte[length];
        in.readFully(msg);
        DnsResponder.Reply reply = handle(msg, length, false);
        if (reply.wire().isEmpty()) {
          return; // garbage on a stream: the framing cannot be trusted any more
        }
        byte[] wire = reply.wire().get();
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("dns.tcp.connection-closed error={}", e.toString());
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }

  /** Stops both listeners and waits (bounded) for their threads. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    closeQuietly(udp);
    closeQuietly(tcp);
    join(udpThread);
    join(tcpThread);
    LOG.info("dns.stopped port={} queries={}", boundPort, queries.get());
  }

  private static void join(Thread t) {
    try {
      if (t != null) {
        t.join(TimeUnit.MILLISECONDS.toMillis(STOP_WAIT_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
