package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** Flap-damping settings of a service (RFC 2439 style penalties). */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DampingDto(
    Boolean enabled,
    Double penalty,
    Integer halfLifeSeconds,
    Double suppressThreshold,
    Double reuseThreshold,
    Double maxPenalty) {}
