package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/** Optional body of {@code POST …/drills/{id}/abort}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrillAbortRequest(String reason) {}
