package dev.meridian.core.port;

import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.util.Collection;
import java.util.List;

/**
 * Per-vantage health records (one item per endpoint × vantage; each vantage is the only writer of
 * its items, so last-writer-wins replication never loses a vote).
 */
public interface HealthStore {
  /** Writes the records in batches (25 per request on DynamoDB), retrying unprocessed items. */
  void putAll(Collection<VantageHealth> records);

  /** Every vantage's record for every endpoint of the service. */
  List<VantageHealth> list(ServiceName service);

  /** Removes all vantages' records of one endpoint (when it is deregistered). */
  void deleteEndpoint(ServiceName service, dev.meridian.core.model.EndpointId endpoint);
}
