package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A drain in progress (ADR 0012): the endpoint is still ACTIVE and its weight ramps linearly to 0
 * between {@code startedAt} and {@code endsAt}; then it leaves the records and becomes DRAINING.
 *
 * @param remaining the fraction of weight and capacity the planner still counts (1 → 0)
 * @param effectiveWeight the weight the planner counts now ({@code weight × remaining})
 * @param effectiveCapacity the capacity the planner counts now
 * @param complete the ramp is at 0: out of the records, the scheduler is about to set DRAINING
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DrainResponse(
    String startedAt,
    String endsAt,
    double remaining,
    double effectiveWeight,
    double effectiveCapacity,
    boolean complete) {}
