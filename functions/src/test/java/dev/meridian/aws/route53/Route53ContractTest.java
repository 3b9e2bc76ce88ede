package dev.meridian.aws.route53;

import dev.meridian.aws.ManualClock;
import dev.meridian.aws.RecordingSleeper;
import dev.meridian.contract.DnsPublisherContract;
import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.port.DnsPublisher;
import dev.meridian.observability.MeridianMetrics;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The DnsPublisher contract against the Route 53 adapter over an in-memory hosted zone (small list
 * pages, so every listing paginates). The wire format itself is checked in {@link Route53WireTest}.
 */
class Route53ContractTest extends DnsPublisherContract {
  private InMemoryRoute53 zone;

  @Override
  protected DnsPublisher newPublisher() {
    zone = new InMemoryRoute53();
    ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    return new Route53DnsPublisher(
        zone.client(),
        Route53Settings.defaults("Z0123456789ABC").withListPageSize(1),
        clock,
        new RecordingSleeper(clock),
        new SplittableRandom(1),
        MeridianMetrics.NOOP);
  }

  @Override
  protected void seedForeign(DnsRecordSet record) {
    zone.put(RecordSetMapper.toSdk(record));
  }
}
