package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/** Flap-damping settings of a service (RFC 2439 style penalties). */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DampingDto(
    Boolean enabled,
    Double penalty,
    Integer halfLifeSeconds,
    Double suppressThreshold,
    Double reuseThreshold,
    Double maxPenalty) {}
