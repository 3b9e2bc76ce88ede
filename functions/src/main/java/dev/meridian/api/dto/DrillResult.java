package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Answer to {@code POST /v1/services/{service}/drills}: the drill, the plan with the drill overlaid
 * and the DNS changes that plan implies against what is published now.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DrillResult(
    DrillResponse drill, PlanResponse plan, List<PlanChangeResponse> changes, boolean dryRun) {}
