package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /health}: {@code {"status":"UP"}}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthResponse(String status) {}
