package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RoutingPolicy;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /v1/services/{service}/status}: health per region, endpoint and vantage, current
 * weights, the last published change and its age ({@code lastPublished} null before the first
 * publication), and the drills in progress.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusResponse(
    String service,
    RoutingPolicy policy,
    PlanMode mode,
    List<RegionStatusResponse> regions,
    PublishedPlanSummary lastPublished,
    List<DrillResponse> activeDrills,
    String at) {}
