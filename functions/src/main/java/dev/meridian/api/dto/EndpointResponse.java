package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.EndpointState;
import dev.meridian.core.model.Protocol;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A registered endpoint with its version. {@code bodyContains}/{@code hostHeader} may be null;
 * {@code drain} is null unless a drain is in progress (ADR 0012).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EndpointResponse(
    String service,
    String id,
    String region,
    String address,
    int port,
    Protocol protocol,
    String healthPath,
    String expectedStatus,
    String bodyContains,
    String hostHeader,
    boolean tlsVerify,
    int weight,
    int capacity,
    EndpointState state,
    long version,
    DrainResponse drain) {}
