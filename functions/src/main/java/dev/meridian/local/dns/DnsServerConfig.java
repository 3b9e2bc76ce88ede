package dev.meridian.local.dns;

import dev.meridian.core.model.Region;
import dev.meridian.core.model.Validation;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the embedded DNS server.
 *
 * @param bindAddress where to listen (loopback by default; the server is for one machine)
 * @param port UDP and TCP port; 0 picks a free port (tests)
 * @param zones zone apexes to be authoritative for; a service outside them gets its parent domain
 * @param clientRegion the region LATENCY routing answers with (else the lowest region code)
 * @param negativeTtl SOA minimum: how long resolvers cache NXDOMAIN / NODATA
 * @param tcpIdleTimeout how long a TCP connection may stay idle between queries
 * @param maxTcpConnections concurrent TCP connections served; more are closed at once
 */
public record DnsServerConfig(
    InetAddress bindAddress,
    int port,
    List<String> zones,
    Optional<Region> clientRegion,
    Duration negativeTtl,
    Duration tcpIdleTimeout,
    int maxTcpConnections) {

  public static final int DEFAULT_PORT = 5353;
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TCP_IDLE = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_TCP = 256;

  public DnsServerConfig {
    Validation.notNull(bindAddress, "dns.bindAddress");
    Validation.inRange(port, 0, 65535, "dns.port");
    zones = zones == null ? List.of() : List.copyOf(zones);
    zones.forEach(ZoneIndex::absolute); // fails fast on a bad zone name
    clientRegion = clientRegion == null ? Optional.empty() : clientRegion;
    Validation.nonNegative(negativeTtl, "dns.negativeTtl");
    Validation.positive(tcpIdleTimeout, "dns.tcpIdleTimeout");
    Validation.inRange(maxTcpConnections, 1, 65535, "dns.maxTcpConnections");
  }

  /** Loopback on {@code port}, zones derived from service names, defaults elsewhere. */
  public static DnsServerConfig loopback(int port) {
    return new DnsServerConfig(
        InetAddress.getLoopbackAddress(),
        port,
        List.of(),
        Optional.empty(),
        DEFAULT_NEGATIVE_TTL,
        DEFAULT_TCP_IDLE,
        DEFAULT_MAX_TCP);
  }

  public DnsServerConfig withZones(List<String> newZones) {
    return new DnsServerConfig(
        bindAddress, port, newZones, clientRegion, negativeTtl, tcpIdleTimeout, maxTcpConnections);
  }

  public DnsServerConfig withClientRegion(Optional<Region> region) {
    return new DnsServerConfig(
        bindAddress, port, zones, region, negativeTtl, tcpIdleTimeout, maxTcpConnections);
  }
}
