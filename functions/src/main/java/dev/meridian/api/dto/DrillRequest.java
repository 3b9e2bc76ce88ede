package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.DrillMode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /v1/services/{service}/drills}. {@code region} and {@code mode} are required;
 * {@code shiftPercent} is required for SHIFT (1–100) and ignored for EVACUATE; {@code
 * durationSeconds} defaults to 900; {@code startAt} (ISO-8601) defaults to now; {@code dryRun}
 * shows the plan the drill would produce and stores nothing.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DrillRequest(
    String region,
    DrillMode.Kind mode,
    Integer shiftPercent,
    Integer durationSeconds,
    String startAt,
    String reason,
    Boolean dryRun) {}
