package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.PlanMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.RoutingPolicy;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A routing plan and why it looks the way it does; {@code capacityWarning} may be null. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanResponse(
    String service,
    RoutingPolicy policy,
    RecordType recordType,
    long ttlSeconds,
    PlanMode mode,
    List<RegionRouteResponse> regions,
    List<String> explanation,
    String capacityWarning,
    String computedAt) {}
