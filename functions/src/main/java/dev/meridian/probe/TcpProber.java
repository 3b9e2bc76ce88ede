package dev.meridian.probe;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * TCP connect probes: healthy when a connection to the vetted address is established within the
 * timeout; the connection is closed at once. Blocking I/O, meant to run on a virtual thread.
 */
public final class TcpProber implements Prober {
  private final SsrfGuard guard;
  private final Clock clock;

  public TcpProber(SsrfGuard guard, Clock clock) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public ProbeResult probe(Endpoint endpoint, ServiceConfig config, Region vantage) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    String failure = connect(endpoint, config, start + config.probe().timeout().toNanos());
    Duration latency = Duration.ofNanos(Math.max(0, System.nanoTime() - start));
    return failure == null
        ? ProbeResult.ok(endpoint.service(), endpoint.id(), vantage, at, latency)
        : ProbeResult.failed(endpoint.service(), endpoint.id(), vantage, at, failure, latency);
  }

  private String connect(Endpoint endpoint, ServiceConfig config, long deadline) {
    InetAddress ip;
    try {
      ip = guard.vet(endpoint.address(), config.allowPrivateTargets());
    } catch (SsrfGuard.ForbiddenTargetException e) {
      return Failures.forbidden(e.getMessage());
    } catch (UnknownHostException e) {
      return Failures.dns(endpoint.address().value());
    }
    long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
    if (leftMillis <= 0) {
      return Failures.TIMEOUT;
    }
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(ip, endpoint.port()),
          (int) Math.min(leftMillis, Integer.MAX_VALUE));
      return null;
    } catch (java.net.SocketTimeoutException e) {
      return Failures.CONNECT_TIMEOUT;
    } catch (IOException e) {
      return Failures.of(e);
    }
  }
}
