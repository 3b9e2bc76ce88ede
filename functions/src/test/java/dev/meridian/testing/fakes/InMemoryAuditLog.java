package dev.meridian.testing.fakes;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.InvalidValueException;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.port.AuditLog;
import dev.meridian.core.port.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link AuditLog} in memory, with the DynamoDB adapter's semantics: events ordered by the sort key
 * {@code <epoch millis, 15 digits>#<id>}, listed newest first; appending the same (time, id) twice
 * keeps the first (appends are idempotent); {@code limit} 1–{@value #MAX_LIMIT}; the cursor is
 * opaque and present only when more events follow; a malformed cursor is an {@link
 * InvalidValueException}. Entries never expire here (the adapter sets a TTL). Thread safe.
 */
public final class InMemoryAuditLog extends FaultInjection implements AuditLog {
  public static final int MAX_LIMIT = 1000;

  private final Map<ServiceName, NavigableMap<String, AuditEvent>> events = new HashMap<>();

  @Override
  public synchronized void append(AuditEvent event) {
    beforeCall("append");
    events
        .computeIfAbsent(event.service(), k -> new TreeMap<>())
        .putIfAbsent(sortKey(event), event);
  }

  @Override
  public synchronized Page<AuditEvent> list(
      ServiceName service, Optional<String> cursor, int limit) {
    beforeCall("list");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidValueException("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    NavigableMap<String, AuditEvent> all =
        events.getOrDefault(service, Collections.emptyNavigableMap()).descendingMap();
    NavigableMap<String, AuditEvent> from =
        cursor.isPresent() ? all.tailMap(decodeCursor(cursor.get()), false) : all;
    List<AuditEvent> page = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, AuditEvent> e : from.entrySet()) {
      if (page.size() == limit) {
        return new Page<>(page, Optional.of(encodeCursor(last)));
      }
      page.add(e.getValue());
      last = e.getKey();
    }
    return new Page<>(page, Optional.empty());
  }

  /** Every stored event of the service, newest first. */
  public synchronized List<AuditEvent> all(ServiceName service) {
    return new ArrayList<>(
        events.getOrDefault(service, Collections.emptyNavigableMap()).descendingMap().values());
  }

  static String sortKey(AuditEvent e) {
    return String.format("%015d#%s", e.at().toEpochMilli(), e.id());
  }

  static String encodeCursor(String sortKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    try {
      String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!sk.matches("\\d{15}#.+")) {
        throw new IllegalArgumentException("not a sort key");
      }
      return sk;
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("cursor", cursor, "is not a cursor returned by this listing");
    }
  }
}
