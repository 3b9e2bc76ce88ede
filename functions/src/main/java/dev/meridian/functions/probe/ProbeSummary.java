package dev.meridian.functions.probe;

import dev.meridian.app.probe.ProbeRunSummary;
import io.micronaut.serde.annotation.Serdeable;

/** The probe function's small response: what the invocation did. */
@Serdeable
public record ProbeSummary(
    String vantage,
    int shard,
    int shards,
    int cycles,
    int endpoints,
    long probes,
    long failures,
    long transitions,
    long writes,
    long writesSaved,
    int writeFailures) {

  static ProbeSummary of(String vantage, ProbeRunSummary s) {
    return new ProbeSummary(
        vantage,
        s.shard().index(),
        s.shard().count(),
        s.cycles(),
        s.endpoints(),
        s.probes(),
        s.failures(),
        s.transitions(),
        s.writes(),
        s.writesSaved(),
        s.writeFailures());
  }
}
