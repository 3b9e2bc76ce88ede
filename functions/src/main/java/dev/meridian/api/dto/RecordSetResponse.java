package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.RecordType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One DNS record set. {@code routing} is SIMPLE, WEIGHTED, FAILOVER, LATENCY or MULTIVALUE; {@code
 * weight}, {@code failover} and {@code latencyRegion} are set for the matching routing only.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecordSetResponse(
    String name,
    RecordType type,
    long ttlSeconds,
    String setIdentifier,
    String routing,
    Integer weight,
    FailoverRole failover,
    String latencyRegion,
    List<String> values,
    String healthCheckId) {}
