package dev.meridian.app.registry;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Audit event ids that sort by time: zero-padded epoch milliseconds, then random hex so that two
 * events of the same millisecond do not collide.
 */
public final class AuditIds {
  private AuditIds() {}

  public static String next(Instant at, RandomGenerator random) {
    return String.format("%013d-%08x", at.toEpochMilli(), random.nextInt());
  }
}
