package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.FailoverRole;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One region's part of a plan: weight (0–255), share of traffic (0–1), role, values and why. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RegionRouteResponse(
    String region,
    int weight,
    double share,
    boolean included,
    FailoverRole role,
    List<String> values,
    String explanation) {}
