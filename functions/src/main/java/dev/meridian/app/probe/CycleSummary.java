package dev.meridian.app.probe;

import java.time.Instant;
import java.util.Optional;

/**
 * What one probe cycle did.
 *
 * @param endpoints endpoints this shard owns
 * @param probed probes run in this cycle (the endpoints that were due)
 * @param failures failed probes among them
 * @param transitions state changes of the per-vantage state machines
 * @param writeFailed whether the health store write failed (the records are retried next cycle)
 * @param nextDueAt when the next endpoint is due, if any
 */
public record CycleSummary(
    Instant at,
    int endpoints,
    int probed,
    int failures,
    int transitions,
    boolean writeFailed,
    Optional<Instant> nextDueAt) {}
