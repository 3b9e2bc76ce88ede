package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The last published change: DNS change id (null when DNS already matched), when and how long ago
 * (whole seconds), and the plan mode it published.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PublishedPlanSummary(
    String changeId, String publishedAt, long ageSeconds, String mode) {}
