package dev.meridian.core.port;

import dev.meridian.core.model.AuditEvent;
import dev.meridian.core.model.ServiceName;
import java.util.Optional;

/** Append-only audit log per service; entries expire (TTL, default 30 days on DynamoDB). */
public interface AuditLog {
  void append(AuditEvent event);

  /** Newest first; {@code cursor} is the {@code next} of the previous page. */
  Page<AuditEvent> list(ServiceName service, Optional<String> cursor, int limit);
}
