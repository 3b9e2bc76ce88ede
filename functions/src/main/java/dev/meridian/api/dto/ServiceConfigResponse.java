package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.RoutingPolicy;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A stored service configuration with its name and optimistic-concurrency version. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServiceConfigResponse(
    String name,
    long version,
    RoutingPolicy policy,
    List<String> failoverPriority,
    RecordType recordType,
    long ttlSeconds,
    ProbeSettingsDto probe,
    int quorum,
    long stalenessSeconds,
    long holdDownSeconds,
    DampingDto damping,
    long rampSeconds,
    double maxStepIncrease,
    double panicThreshold,
    FailMode failMode,
    double drillHeadroom,
    int expectedLoad,
    boolean allowPrivateTargets,
    long drainSeconds) {}
