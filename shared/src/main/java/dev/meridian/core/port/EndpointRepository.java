package dev.meridian.core.port;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import java.util.List;
import java.util.Optional;

/**
 * Service configurations and their registered endpoints. Writes are single-item and conditional on
 * the expected version ({@link Versioned#NEW} = create only); a lost race throws {@link
 * ConflictException}.
 */
public interface EndpointRepository {
  Optional<Versioned<ServiceConfig>> findService(ServiceName name);

  /** All services, sorted by name. */
  List<Versioned<ServiceConfig>> listServices();

  Versioned<ServiceConfig> saveService(ServiceConfig config, long expectedVersion);

  /** Deletes the service's configuration; its endpoints must have been removed first. */
  void deleteService(ServiceName name, long expectedVersion);

  Optional<Versioned<Endpoint>> findEndpoint(ServiceName service, EndpointId id);

  /** The service's endpoints, sorted by id. */
  List<Versioned<Endpoint>> listEndpoints(ServiceName service);

  Versioned<Endpoint> saveEndpoint(Endpoint endpoint, long expectedVersion);

  void deleteEndpoint(ServiceName service, EndpointId id, long expectedVersion);
}
