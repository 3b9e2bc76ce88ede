package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.meridian.core.model.ChangeAction;
import io.micronaut.serde.annotation.Serdeable;

/** One DNS change: UPSERT or DELETE of a record set. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanChangeResponse(ChangeAction action, RecordSetResponse record) {}
