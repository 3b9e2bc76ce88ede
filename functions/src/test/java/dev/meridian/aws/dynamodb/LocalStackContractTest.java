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
import dev.meridian.testing.DynaliteTables;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same port contracts as {@link DynaliteContractTest}, against LocalStack's DynamoDB through
 * Testcontainers, on machines with a Docker engine (skipped cleanly without one).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackContractTest {

  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
          .withServices(LocalStackContainer.Service.DYNAMODB);

  static DynamoDbClient client;
  static TableNames tables;

  @BeforeAll
  static void createTables() {
    client =
        DynamoDbClient.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    tables = TableNames.withPrefix(DynaliteTables.uniquePrefix());
    TableBootstrap.createIfMissing(client, tables);
  }

  static DynamoDbStores stores() {
    return DynamoDbStores.create(
        client, tables, StoreSettings.DEFAULT, Sleeper.SYSTEM, new SplittableRandom(7));
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
