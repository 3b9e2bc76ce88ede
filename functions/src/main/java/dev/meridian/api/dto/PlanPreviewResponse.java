package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /v1/services/{service}/plan}: what would be published now (a dry run), the full
 * desired record sets, the changes against what is published, and the last publication (null if
 * none yet).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanPreviewResponse(
    PlanResponse plan,
    List<RecordSetResponse> desired,
    List<PlanChangeResponse> changes,
    PublishedPlanSummary lastPublished) {}
