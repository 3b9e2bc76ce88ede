package dev.meridian.core.port;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ServiceName;
import java.util.List;

/**
 * Where plans become DNS: Route 53 on AWS, the embedded authoritative server locally. Publishing is
 * idempotent: the adapter reads what is published, diffs it against {@code desired} with the core's
 * {@code RecordDiff} and sends only the difference (nothing at all in steady state). It only ever
 * touches record sets Meridian owns.
 */
public interface DnsPublisher {
  /** The record sets Meridian owns for the service's name, as currently published. */
  List<DnsRecordSet> published(ServiceName service);

  /**
   * Makes the service's published records equal {@code desired}. {@code fencingToken} is the
   * scheduler's lease token; an adapter that can check it (the local one) rejects a stale one.
   */
  PublishResult publish(ServiceName service, List<DnsRecordSet> desired, long fencingToken);
}
