package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.AuditEvent;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** One audit-log entry; {@code at} is ISO-8601 UTC. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventResponse(
    String id,
    String at,
    AuditEvent.Kind kind,
    String actor,
    String summary,
    Map<String, String> details) {}
