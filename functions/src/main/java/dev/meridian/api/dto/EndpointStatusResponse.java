package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.EndpointState;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An endpoint's operator state, quorum verdict, median latency and votes; {@code drain} is null
 * unless a drain is in progress.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EndpointStatusResponse(
    String id,
    String address,
    int port,
    EndpointState state,
    String verdict,
    double latencyMillis,
    List<VantageVoteResponse> votes,
    DrainResponse drain) {}
