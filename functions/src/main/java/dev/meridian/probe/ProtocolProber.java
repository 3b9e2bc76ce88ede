package dev.meridian.probe;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import java.util.Objects;

/** Probes an endpoint with the prober for its protocol. */
public final class ProtocolProber implements Prober, AutoCloseable {
  private final HttpProber http;
  private final TcpProber tcp;

  public ProtocolProber(HttpProber http, TcpProber tcp) {
    this.http = Objects.requireNonNull(http, "http");
    this.tcp = Objects.requireNonNull(tcp, "tcp");
  }

  @Override
  public ProbeResult probe(Endpoint endpoint, ServiceConfig config, Region vantage) {
    return switch (endpoint.protocol()) {
      case HTTP, HTTPS -> http.probe(endpoint, config, vantage);
      case TCP -> tcp.probe(endpoint, config, vantage);
    };
  }

  @Override
  public void close() {
    http.close();
  }
}
