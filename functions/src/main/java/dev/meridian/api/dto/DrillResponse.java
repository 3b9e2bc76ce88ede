package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.DrillMode;
import dev.meridian.core.model.DrillState;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A drill. Timestamps are ISO-8601 UTC; {@code version} is 0 for a drill that was not stored (dry
 * run or refused).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DrillResponse(
    String id,
    String service,
    String region,
    DrillMode.Kind mode,
    int shiftPercent,
    String startAt,
    String expiresAt,
    String reason,
    String requester,
    DrillState state,
    String stateReason,
    String createdAt,
    String updatedAt,
    long version) {}
