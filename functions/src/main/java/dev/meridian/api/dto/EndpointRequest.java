package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.Protocol;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /v1/services/{service}/endpoints}. {@code region} and {@code address} are
 * required; {@code port} defaults to 80 (HTTP) or 443 (HTTPS) and is required for TCP. Without an
 * {@code id} one is derived, stably, from {@code clientToken} when given, else from region, address
 * and port, so that a retried registration is idempotent.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EndpointRequest(
    String id,
    String region,
    String address,
    Integer port,
    Protocol protocol,
    String healthPath,
    String expectedStatus,
    String bodyContains,
    String hostHeader,
    Boolean tlsVerify,
    Integer weight,
    Integer capacity,
    EndpointState state,
    String clientToken) {}
