package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.FailMode;
import dev.meridian.core.model.RecordType;
import dev.meridian.core.model.RoutingPolicy;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of {@code PUT /v1/services/{service}}: every field is optional and takes the core's default
 * ({@code ServiceConfig.DEFAULT_*}) when absent. The PUT replaces the whole configuration.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServiceConfigRequest(
    RoutingPolicy policy,
    List<String> failoverPriority,
    RecordType recordType,
    Integer ttlSeconds,
    ProbeSettingsDto probe,
    Integer quorum,
    Integer stalenessSeconds,
    Integer holdDownSeconds,
    DampingDto damping,
    Integer rampSeconds,
    Double maxStepIncrease,
    Double panicThreshold,
    FailMode failMode,
    Double drillHeadroom,
    Integer expectedLoad,
    Boolean allowPrivateTargets,
    Integer drainSeconds) {

  /** An empty request: every field takes its default. */
  public static ServiceConfigRequest defaults() {
    return new ServiceConfigRequest(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }
}
