package dev.meridian.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 7807 problem detail ({@code application/problem+json}).
 *
 * @param type {@code https://meridian.dev/problems/<slug>}, stable per kind of failure
 * @param field the request field at fault (JSON path such as {@code probe.intervalSeconds}, a path
 *     variable such as {@code service}, or a query parameter), or null
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {}
