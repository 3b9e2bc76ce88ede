package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.HealthState;
import io.micronaut.serde.annotation.Serdeable;

/** One vantage's vote on an endpoint; a stale vote is shown but not counted. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VantageVoteResponse(
    String vantage,
    HealthState state,
    boolean stale,
    boolean suppressed,
    String lastProbeAt,
    String lastFailure) {}
