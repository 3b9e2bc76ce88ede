package dev.meridian.app.probe;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.probe.Prober;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A prober whose outcome per endpoint the test sets ({@code null} = healthy), recording every
 * probe. No network.
 */
final class ScriptedProber implements Prober {
  private final Clock clock;
  private final Map<EndpointId, String> failures = new ConcurrentHashMap<>();
  private final List<ProbeResult> probes = new ArrayList<>();

  ScriptedProber(Clock clock) {
    this.clock = clock;
  }

  void fail(String endpoint, String reason) {
    failures.put(EndpointId.of(endpoint), reason);
  }

  void heal(String endpoint) {
    failures.remove(EndpointId.of(endpoint));
  }

  @Override
  public ProbeResult probe(Endpoint endpoint, ServiceConfig config, Region vantage) {
    String reason = failures.get(endpoint.id());
    ProbeResult r =
        reason == null
            ? ProbeResult.ok(
                endpoint.service(), endpoint.id(), vantage, clock.instant(), Duration.ofMillis(20))
            : ProbeResult.failed(
                endpoint.service(),
                endpoint.id(),
                vantage,
                clock.instant(),
                reason,
                Duration.ofMillis(20));
    synchronized (probes) {
      probes.add(r);
    }
    return r;
  }

  List<ProbeResult> probes() {
    synchronized (probes) {
      return List.copyOf(probes);
    }
  }

  long probesOf(String endpoint) {
    return probes().stream().filter(r -> r.endpoint().value().equals(endpoint)).count();
  }
}
