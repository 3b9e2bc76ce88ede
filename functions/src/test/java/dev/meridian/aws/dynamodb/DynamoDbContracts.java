package dev.meridian.aws.dynamodb;

import dev.meridian.aws.Sleeper;
import dev.meridian.contract.AuditLogContract;
import dev.meridian.contract.DeltaHealthWriterContract;
import dev.meridian.contract.DrillStoreContract;
import dev.meridian.contract.EndpointRepositoryContract;
import dev.meridian.contract.HealthStoreContract;
import dev.meridian.contract.LeaseStoreContract;
import dev.meridian.contract.PlanStoreContract;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.PlanStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The port contracts over the DynamoDB adapters, once for every DynamoDB-compatible server: a
 * subclass creates the tables for its class and says where they are.
 */
abstract class DynamoDbContracts {
  /** The client of the server the subclass started. */
  protected abstract DynamoDbClient client();

  /** The tables the subclass created (unique names; tests use unique keys). */
  protected abstract TableNames tables();

  DynamoDbStores stores() {
    return DynamoDbStores.create(
        client(), tables(), StoreSettings.DEFAULT, Sleeper.SYSTEM, new SplittableRandom(7));
  }

  @Nested
  class Endpoints extends EndpointRepositoryContract {
    @Override
    protected EndpointRepository newRepository() {
      return stores().endpoints();
    }
  }

  @Nested
  class Health extends HealthStoreContract {
    @Override
    protected HealthStore newStore() {
      return stores().health();
    }
  }

  @Nested
  class Plans extends PlanStoreContract {
    @Override
    protected PlanStore newStore() {
      return stores().plans();
    }
  }

  @Nested
  class Leases extends LeaseStoreContract {
    @Override
    protected LeaseStore newStore() {
      return stores().leases();
    }
  }

  @Nested
  class Drills extends DrillStoreContract {
    @Override
    protected DrillStore newStore() {
      return stores().drills();
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
      return stores().audit();
    }
  }

  @Nested
  class DeltaWrites extends DeltaHealthWriterContract {
    @Override
    protected HealthStore newStore() {
      return stores().health();
    }
  }
}
