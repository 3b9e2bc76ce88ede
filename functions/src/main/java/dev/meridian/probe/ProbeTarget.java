package dev.meridian.probe;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.ServiceConfig;
import java.util.Objects;

/** One endpoint to probe together with its service's configuration (timeout, SSRF policy). */
public record ProbeTarget(Endpoint endpoint, ServiceConfig config) {
  public ProbeTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(config, "config");
    if (!endpoint.service().equals(config.name())) {
      throw new IllegalArgumentException(
          "endpoint "
              + endpoint.id()
              + " belongs to "
              + endpoint.service()
              + ", not "
              + config.name());
    }
  }
}
