package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** Probe settings of a service: interval, timeout, rise and fall. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProbeSettingsDto(
    Integer intervalSeconds, Integer timeoutMillis, Integer rise, Integer fall) {}
