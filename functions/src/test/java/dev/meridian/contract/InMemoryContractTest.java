package dev.meridian.contract;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.core.port.DrillStore;
import dev.meridian.core.port.EndpointRepository;
import dev.meridian.core.port.HealthStore;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.PlanStore;
import dev.meridian.testing.fakes.InMemoryAuditLog;
import dev.meridian.testing.fakes.InMemoryDnsPublisher;
import dev.meridian.testing.fakes.InMemoryDrillStore;
import dev.meridian.testing.fakes.InMemoryEndpointRepository;
import dev.meridian.testing.fakes.InMemoryHealthStore;
import dev.meridian.testing.fakes.InMemoryLeaseStore;
import dev.meridian.testing.fakes.InMemoryPlanStore;
import org.junit.jupiter.api.Nested;

/** The port contracts against the in-memory fakes that service-level tests use. */
class InMemoryContractTest {

  @Nested
  class Endpoints extends EndpointRepositoryContract {
    @Override
    protected EndpointRepository newRepository() {
      return new InMemoryEndpointRepository();
    }
  }

  @Nested
  class Health extends HealthStoreContract {
    @Override
    protected HealthStore newStore() {
      return new InMemoryHealthStore();
    }
  }

  @Nested
  class Plans extends PlanStoreContract {
    @Override
    protected PlanStore newStore() {
      return new InMemoryPlanStore();
    }
  }

  @Nested
  class Leases extends LeaseStoreContract {
    @Override
    protected LeaseStore newStore() {
      return new InMemoryLeaseStore();
    }
  }

  @Nested
  class Drills extends DrillStoreContract {
    @Override
    protected DrillStore newStore() {
      return new InMemoryDrillStore();
    }
  }

  @Nested
  class Audit extends AuditLogContract {
    @Override
    protected AuditLog newLog() {
      return new InMemoryAuditLog();
    }
  }

  @Nested
  class DeltaWrites extends DeltaHealthWriterContract {
    @Override
    protected HealthStore newStore() {
      return new InMemoryHealthStore();
    }
  }

  @Nested
  class Dns extends DnsPublisherContract {
    private InMemoryDnsPublisher fake;

    @Override
    protected DnsPublisher newPublisher() {
      fake = new InMemoryDnsPublisher();
      return fake;
    }

    @Override
    protected void seedForeign(DnsRecordSet record) {
      java.util.List<DnsRecordSet> all = new java.util.ArrayList<>(fake.allRecords(S));
      all.add(record);
      fake.seed(S, all);
    }
  }
}
