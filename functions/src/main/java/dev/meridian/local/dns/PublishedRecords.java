package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ServiceName;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of every record set published locally, per service, with a serial that
 * increases on every change (it becomes the SOA serial of the served zones).
 */
public record PublishedRecords(Map<ServiceName, List<DnsRecordSet>> byService, long serial) {
  public static final PublishedRecords EMPTY = new PublishedRecords(Map.of(), 0);

  public PublishedRecords {
    TreeMap<ServiceName, List<DnsRecordSet>> copy = new TreeMap<>();
    byService.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    byService = java.util.Collections.unmodifiableMap(copy);
  }

  /** The published record sets of one service (empty when none). */
  public List<DnsRecordSet> of(ServiceName service) {
    return byService.getOrDefault(service, List.of());
  }
}
