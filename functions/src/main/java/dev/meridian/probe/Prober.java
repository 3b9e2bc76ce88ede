package dev.meridian.probe;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;

/**
 * Probes one endpoint once, from one vantage. Implementations never throw for a failed probe: every
 * failure (refused target, DNS, connect, TLS, timeout, status, body) is a {@link ProbeResult} with
 * a short, low-cardinality reason. The timeout is {@code config.probe().timeout()} and the SSRF
 * policy is {@code config.allowPrivateTargets()}.
 */
@FunctionalInterface
public interface Prober {
  ProbeResult probe(Endpoint endpoint, ServiceConfig config, Region vantage);
}
