package dev.meridian.core.health;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Quorum across vantages: the verdict on one endpoint from every probe region's record.
 *
 * <ul>
 *   <li>A vantage whose {@code lastProbeAt} is more than {@code staleness} before {@code now} is
 *       stale and does not vote: a probe region that is cut off must not fail anything over.
 *   <li>HEALTHY when at least {@code quorum} fresh vantages are UP; UNHEALTHY when at least {@code
 *       quorum} are DOWN (a suppressed vantage is DOWN); otherwise UNKNOWN. UNKNOWN votes count for
 *       neither side. When both sides reach the quorum (possible when {@code quorum} is at most
 *       half the vantages) the larger side wins and a tie is HEALTHY: a partial partition between
 *       some probe regions and the endpoint should not take it out of DNS (availability first).
 * </ul>
 */
public final class Quorum {
  private Quorum() {}

  /** Whether a vantage's record is too old to vote at {@code now}. */
  public static boolean isStale(VantageHealth v, ServiceConfig cfg, Instant now) {
    return isStale(v.lastProbeAt(), cfg.staleness(), now);
  }

  static boolean isStale(Instant lastProbeAt, Duration staleness, Instant now) {
    return Duration.between(lastProbeAt, now).compareTo(staleness) > 0;
  }

  /**
   * Whether monitoring is blind: no record at all, or every record stale. The planner then keeps
   * the previous plan (fail static) instead of acting on no evidence.
   */
  public static boolean allStale(
      Collection<VantageHealth> records, ServiceConfig cfg, Instant now) {
    for (VantageHealth v : records) {
      if (!isStale(v, cfg, now)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The verdict on {@code e}.
   *
   * @param vantagesForThisEndpoint the endpoint's records, one per vantage (if a vantage appears
   *     twice, its newest record counts)
   * @throws IllegalArgumentException if a record belongs to another endpoint
   */
  public static EndpointHealth evaluate(
      Endpoint e, List<VantageHealth> vantagesForThisEndpoint, ServiceConfig cfg, Instant now) {
    if (vantagesForThisEndpoint.isEmpty()) {
      return EndpointHealth.noReports(e.id(), e.region());
    }
    VantageHealth[] records = vantagesForThisEndpoint.toArray(new VantageHealth[0]);
    int n = prepare(e, records);
    Tally t = count(records, n, cfg, now);
    List<EndpointHealth.Vote> votes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      VantageHealth v = records[i];
      votes.add(
          new EndpointHealth.Vote(
              v.vantage(),
              v.suppressed() ? HealthState.DOWN : v.state(),
              isStale(v.lastProbeAt(), cfg.staleness(), now),
              v.suppressed(),
              v.lastProbeAt(),
              v.latencyEwmaMillis(),
              v.lastFailure()));
    }
    return new EndpointHealth(
        e.id(),
        e.region(),
        t.verdict(),
        t.upVotes(),
        t.downVotes(),
        t.staleVotes(),
        votes,
        t.healthySince(),
        evidence(
            t.verdict(), t.upVotes(), t.downVotes(), t.staleVotes(), cfg.quorum(), votes, now));
  }

  /**
   * The numbers behind a verdict, without the votes and the evidence text.
   *
   * @param healthySince as in {@link EndpointHealth#healthySince()}
   */
  public record Tally(
      Verdict verdict,
      int upVotes,
      int downVotes,
      int staleVotes,
      Optional<Instant> healthySince) {}

  /**
   * The same verdict as {@link #evaluate}, without building votes and evidence: the planner's hot
   * path over tens of thousands of records, which only explains the endpoints that are not HEALTHY.
   */
  public static Tally tally(
      Endpoint e, List<VantageHealth> vantagesForThisEndpoint, ServiceConfig cfg, Instant now) {
    if (vantagesForThisEndpoint.isEmpty()) {
      return new Tally(Verdict.UNKNOWN, 0, 0, 0, Optional.empty());
    }
    VantageHealth[] records = vantagesForThisEndpoint.toArray(new VantageHealth[0]);
    return count(records, prepare(e, records), cfg, now);
  }

  /** Checks ownership, sorts by vantage and drops older duplicates; returns the count kept. */
  private static int prepare(Endpoint e, VantageHealth[] records) {
    for (VantageHealth v : records) {
      if (!v.endpoint().equals(e.id()) || !v.service().equals(e.service())) {
        throw new IllegalArgumentException(
            "vantage record of " + v.service() + "/" + v.endpoint() + " given for " + e.id());
      }
    }
    sortByVantageNewestFirst(records);
    int n = 0;
    for (VantageHealth v : records) {
      if (n == 0 || !records[n - 1].vantage().equals(v.vantage())) {
        records[n++] = v; // the first of each vantage is its newest record
      }
    }
    return n;
  }

  private static Tally count(VantageHealth[] records, int n, ServiceConfig cfg, Instant now) {
    int quorum = cfg.quorum();
    Duration staleness = cfg.staleness();
    Instant[] upSince = new Instant[n];
    int up = 0;
    int down = 0;
    int stale = 0;
    for (int i = 0; i < n; i++) {
      VantageHealth v = records[i];
      HealthState state = v.suppressed() ? HealthState.DOWN : v.state();
      if (isStale(v.lastProbeAt(), staleness, now)) {
        stale++;
      } else if (state == HealthState.UP) {
        upSince[up++] = v.upSince().or(v::lastTransitionAt).orElse(Instant.EPOCH);
      } else if (state == HealthState.DOWN) {
        down++;
      }
    }
    Verdict verdict;
    if (up >= quorum && up >= down) {
      verdict = Verdict.HEALTHY;
    } else if (down >= quorum) {
      verdict = Verdict.UNHEALTHY;
    } else {
      verdict = Verdict.UNKNOWN;
    }
    Optional<Instant> healthySince = Optional.empty();
    if (verdict == Verdict.HEALTHY) {
      Arrays.sort(upSince, 0, up);
      healthySince = Optional.of(upSince[quorum - 1]);
    }
    return new Tally(verdict, up, down, stale, healthySince);
  }

  /**
   * Insertion sort by vantage code, newest record first within a vantage: a handful of records per
   * endpoint, sorted ten thousand times per planning pass, where comparator chains cost more than
   * the sorting.
   */
  private static void sortByVantageNewestFirst(VantageHealth[] a) {
    for (int i = 1; i < a.length; i++) {
      VantageHealth x = a[i];
      int j = i - 1;
      while (j >= 0 && before(x, a[j])) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private static boolean before(VantageHealth x, VantageHealth y) {
    int c = x.vantage() == y.vantage() ? 0 : x.vantage().code().compareTo(y.vantage().code());
    return c < 0 || (c == 0 && x.lastProbeAt().isAfter(y.lastProbeAt()));
  }

  private static String evidence(
      Verdict verdict,
      int up,
      int down,
      int stale,
      int quorum,
      List<EndpointHealth.Vote> votes,
      Instant now) {
    StringBuilder sb = new StringBuilder(96);
    sb.append(verdict)
        .append(": ")
        .append(up)
        .append(" UP, ")
        .append(down)
        .append(" DOWN of ")
        .append(votes.size() - stale)
        .append(" fresh vantages (quorum ")
        .append(quorum)
        .append(')');
    if (down > 0) {
      sb.append("; DOWN: ");
      appendVotes(sb, votes, HealthState.DOWN, false, now);
    }
    if (stale > 0) {
      sb.append("; stale: ");
      appendVotes(sb, votes, null, true, now);
    }
    return sb.toString();
  }

  private static void appendVotes(
      StringBuilder sb,
      List<EndpointHealth.Vote> votes,
      HealthState state,
      boolean stale,
      Instant now) {
    boolean first = true;
    for (EndpointHealth.Vote v : votes) {
      if (v.stale() != stale || (state != null && v.state() != state)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(v.vantage());
      if (stale) {
        sb.append(" (").append(Duration.between(v.lastProbeAt(), now).toSeconds()).append("s old)");
      } else if (v.suppressed()) {
        sb.append(" (flap damping)");
      } else if (v.lastFailure().isPresent()) {
        sb.append(" (").append(v.lastFailure().get()).append(')');
      }
    }
  }
}
