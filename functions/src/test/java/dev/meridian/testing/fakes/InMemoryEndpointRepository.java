package dev.meridian.testing.fakes;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.EndpointRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link EndpointRepository} in memory, with the DynamoDB adapter's semantics: versions start at 1,
 * {@link Versioned#NEW} creates, a stale version is a {@link ConflictException}, a write expecting
 * a missing item is a {@code NotFoundException}, a service with endpoints cannot be deleted. Thread
 * safe.
 */
public final class InMemoryEndpointRepository extends FaultInjection implements EndpointRepository {
  private final Map<ServiceName, Versioned<ServiceConfig>> services = new TreeMap<>();
  private final Map<ServiceName, Map<EndpointId, Versioned<Endpoint>>> endpoints = new TreeMap<>();

  @Override
  public synchronized Optional<Versioned<ServiceConfig>> findService(ServiceName name) {
    beforeCall("findService");
    return Optional.ofNullable(services.get(name));
  }

  @Override
  public synchronized List<Versioned<ServiceConfig>> listServices() {
    beforeCall("listServices");
    return List.copyOf(services.values());
  }

  @Override
  public synchronized Versioned<ServiceConfig> saveService(
      ServiceConfig config, long expectedVersion) {
    beforeCall("saveService");
    long v =
        Versions.next("service " + config.name(), services.get(config.name()), expectedVersion);
    Versioned<ServiceConfig> saved = new Versioned<>(config, v);
    services.put(config.name(), saved);
    return saved;
  }

  @Override
  public synchronized void deleteService(ServiceName name, long expectedVersion) {
    beforeCall("deleteService");
    Versions.checkDelete("service " + name, services.get(name), expectedVersion);
    Map<EndpointId, Versioned<Endpoint>> eps = endpoints.get(name);
    if (eps != null && !eps.isEmpty()) {
      throw new ConflictException(
          "service " + name + " still has " + eps.size() + " endpoint(s); remove them first");
    }
    services.remove(name);
    endpoints.remove(name);
  }

  @Override
  public synchronized Optional<Versioned<Endpoint>> findEndpoint(
      ServiceName service, EndpointId id) {
    beforeCall("findEndpoint");
    return Optional.ofNullable(endpoints.getOrDefault(service, Map.of()).get(id));
  }

  @Override
  public synchronized List<Versioned<Endpoint>> listEndpoints(ServiceName service) {
    beforeCall("listEndpoints");
    return new ArrayList<>(endpoints.getOrDefault(service, Map.of()).values());
  }

  @Override
  public synchronized Versioned<Endpoint> saveEndpoint(Endpoint endpoint, long expectedVersion) {
    beforeCall("saveEndpoint");
    Map<EndpointId, Versioned<Endpoint>> eps =
        endpoints.computeIfAbsent(endpoint.service(), k -> new TreeMap<>());
    long v =
        Versions.next(
            "endpoint " + endpoint.service() + "/" + endpoint.id(),
            eps.get(endpoint.id()),
            expectedVersion);
    Versioned<Endpoint> saved = new Versioned<>(endpoint, v);
    eps.put(endpoint.id(), saved);
    return saved;
  }

  @Override
  public synchronized void deleteEndpoint(
      ServiceName service, EndpointId id, long expectedVersion) {
    beforeCall("deleteEndpoint");
    Map<EndpointId, Versioned<Endpoint>> eps = endpoints.getOrDefault(service, new TreeMap<>());
    Versions.checkDelete("endpoint " + service + "/" + id, eps.get(id), expectedVersion);
    eps.remove(id);
  }
}
