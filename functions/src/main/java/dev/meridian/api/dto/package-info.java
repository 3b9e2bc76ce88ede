/**
 * The JSON shapes of the Meridian HTTP API ({@code /v1}). Plain Java records: Micronaut Serde reads
 * and writes them on the server, and the CLI reads them with Jackson databind, so their components
 * are JDK types, other records of this package and enums of the shared model only (timestamps are
 * ISO-8601 strings, durations whole seconds or milliseconds as the name says).
 *
 * <p>Request records have nullable components: an absent field takes the documented default. The
 * server rejects unknown fields and wrong JSON types before binding (see {@code
 * dev.meridian.api.json.StrictJson}); readers of responses ignore fields they do not know.
 */
package dev.meridian.api.dto;
