package dev.meridian.app.probe;

/**
 * What one {@link ProbeService#runFor} did: totals over its cycles.
 *
 * @param writes health records written to the store
 * @param writesSaved records the write policy skipped (unchanged, heartbeat not due)
 * @param writeFailures cycles whose health write failed
 */
public record ProbeRunSummary(
    Shard shard,
    int cycles,
    int endpoints,
    long probes,
    long failures,
    long transitions,
    long writes,
    long writesSaved,
    int writeFailures) {}
