package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A region's health (healthy fraction of ACTIVE capacity, verdict) and traffic (weight and share in
 * the last published plan).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RegionStatusResponse(
    String region,
    double healthyFraction,
    int weight,
    double share,
    String verdict,
    List<EndpointStatusResponse> endpoints) {}
