package dev.meridian.local.dns;

import java.util.function.Consumer;

/**
 * Where the embedded DNS server reads what to answer: the latest {@link PublishedRecords}, and a
 * callback on every change so that the server swaps its zone index within the publication itself
 * (answers change in the same planning step, with no polling delay).
 */
public interface PublishedRecordSource {
  PublishedRecords current();

  /** Calls {@code listener} with every new snapshot, synchronously, before publish returns. */
  void subscribe(Consumer<PublishedRecords> listener);
}
