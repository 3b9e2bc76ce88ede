package dev.meridian.aws.dynamodb;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.Versioned;
import dev.meridian.core.port.ConflictException;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link EndpointRepository} on the endpoints table: per service one {@code CONFIG} item and one
 * {@code EP#<id>} item per endpoint in partition {@code SVC#<name>}. Every write is one conditional
 * single-item write on {@code version}.
 */
public final class DynamoDbEndpointRepository implements EndpointRepository {
  private final DynamoDbClient client;
  private final String table;

  public DynamoDbEndpointRepository(DynamoDbClient client, TableNames tables) {
    this.client = Objects.requireNonNull(client, "client");
    this.table = tables.endpoints();
  }

  @Override
  public Optional<Versioned<ServiceConfig>> findService(ServiceName name) {
    return VersionedWrites.get(
            client, table, Attr.key(Keys.service(name), Keys.CONFIG), "service " + name)
        .map(EndpointItems::serviceFrom);
  }

  /**
   * Scans for the configuration items: the table holds a few items per service, and listing every
   * service is rare (API listing, the scheduler's reconcile loop), so no index is kept for it.
   */
  @Override
  public List<Versioned<ServiceConfig>> listServices() {
    List<Versioned<ServiceConfig>> out = new ArrayList<>();
    try {
      client
          .scanPaginator(
              r ->
                  r.tableName(table)
                      .filterExpression("#sk = :config")
                      .expressionAttributeNames(Map.of("#sk", Attr.SK))
                      .expressionAttributeValues(
                          Map.of(":config", AttributeValue.fromS(Keys.CONFIG))))
          .items()
          .forEach(i -> out.add(EndpointItems.serviceFrom(i)));
    } catch (SdkException e) {
      throw DynamoErrors.translate("list services", e);
    }
    out.sort(Comparator.comparing(v -> v.value().name()));
    return out;
  }

  @Override
  public Versioned<ServiceConfig> saveService(ServiceConfig config, long expectedVersion) {
    long v =
        VersionedWrites.put(
            client,
            table,
            next -> EndpointItems.toItem(config, next),
            expectedVersion,
            "service " + config.name());
    return new Versioned<>(config, v);
  }

  /**
   * Refuses while endpoints remain. The check and the delete are two requests (no transactions): an
   * endpoint registered in between survives as an orphan that the API can still delete.
   */
  @Override
  public void deleteService(ServiceName name, long expectedVersion) {
    String what = "service " + name;
    Map<String, AttributeValue> key = Attr.key(Keys.service(name), Keys.CONFIG);
    if (expectedVersion >= 1) {
      Optional<Map<String, AttributeValue>> current = VersionedWrites.get(client, table, key, what);
      if (current.isEmpty()) {
        throw new NotFoundException(
            what + " does not exist (expected version " + expectedVersion + ")");
      }
      long stored = Attr.version(current.get());
      if (stored != expectedVersion) {
        throw new ConflictException(what + " is at version " + stored + ", not " + expectedVersion);
      }
      int left = listEndpoints(name).size();
      if (left > 0) {
        throw new ConflictException(
            what + " still has " + left + " endpoint(s); remove them first");
      }
    }
    VersionedWrites.delete(client, table, key, expectedVersion, what);
  }

  @Override
  public Optional<Versioned<Endpoint>> findEndpoint(ServiceName service, EndpointId id) {
    return VersionedWrites.get(
            client,
            table,
            Attr.key(Keys.service(service), Keys.endpoint(id)),
            "endpoint " + service + "/" + id)
        .map(EndpointItems::endpointFrom);
  }

  @Override
  public List<Versioned<Endpoint>> listEndpoints(ServiceName service) {
    List<Versioned<Endpoint>> out = new ArrayList<>();
    VersionedWrites.queryPrefix(
            client,
            table,
            Keys.service(service),
            Keys.ENDPOINT_PREFIX,
            false,
            "list endpoints of " + service)
        .forEach(i -> out.add(EndpointItems.endpointFrom(i)));
    // Sort keys are EP#<id>: already in id order; sorting again keeps the contract explicit.
    out.sort(Comparator.comparing(v -> v.value().id()));
    return out;
  }

  @Override
  public Versioned<Endpoint> saveEndpoint(Endpoint endpoint, long expectedVersion) {
    long v =
        VersionedWrites.put(
            client,
            table,
            next -> EndpointItems.toItem(endpoint, next),
            expectedVersion,
            "endpoint " + endpoint.service() + "/" + endpoint.id());
    return new Versioned<>(endpoint, v);
  }

  @Override
  public void deleteEndpoint(ServiceName service, EndpointId id, long expectedVersion) {
    VersionedWrites.delete(
        client,
        table,
        Attr.key(Keys.service(service), Keys.endpoint(id)),
        expectedVersion,
        "endpoint " + service + "/" + id);
  }
}
