package dev.meridian.local.dns;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.ServiceName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A record source the tests set directly, without going through a publisher's diff. */
final class MutableRecordSource implements PublishedRecordSource {
  private final List<Consumer<PublishedRecords>> listeners = new CopyOnWriteArrayList<>();
  private volatile PublishedRecords current = PublishedRecords.EMPTY;

  @Override
  public PublishedRecords current() {
    return current;
  }

  @Override
  public void subscribe(Consumer<PublishedRecords> listener) {
    listeners.add(listener);
  }

  void set(Map<ServiceName, List<DnsRecordSet>> records) {
    current = new PublishedRecords(records, current.serial() + 1);
    listeners.forEach(l -> l.accept(current));
  }
}
