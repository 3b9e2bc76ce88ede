package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.EndpointState;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code PATCH /v1/services/{service}/endpoints/{id}}: only the fields present change. An
 * empty string clears {@code bodyContains} / {@code hostHeader}.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EndpointPatch(
    Integer weight,
    Integer capacity,
    EndpointState state,
    String healthPath,
    String expectedStatus,
    String bodyContains,
    String hostHeader,
    Boolean tlsVerify) {}
