package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.meridian.core.model.AuditEvent;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** One audit-log entry; {@code at} is ISO-8601 UTC. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventResponse(
    String id,
    String at,
    AuditEvent.Kind kind,
    String actor,
    String summary,
    Map<String, String> details) {}
