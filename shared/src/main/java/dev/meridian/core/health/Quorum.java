package dev.meridian.core.health;

import dev.meridian.core.model.Endpoint;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.Region;
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
    checkOwner(e, records);
    Ballot ballot = new Ballot(cfg, now);
    for (VantageHealth v : records) {
      ballot.add(v);
    }
    Tally t = ballot.tally();
    VantageHealth[] kept = ballot.records().toArray(new VantageHealth[0]);
    sortByVantage(kept);
    List<EndpointHealth.Vote> votes = new ArrayList<>(kept.length);
    for (VantageHealth v : kept) {
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

  /** The same verdict as {@link #evaluate}, without building votes and evidence. */
  public static Tally tally(
      Endpoint e, List<VantageHealth> vantagesForThisEndpoint, ServiceConfig cfg, Instant now) {
    VantageHealth[] records = vantagesForThisEndpoint.toArray(new VantageHealth[0]);
    checkOwner(e, records);
    Ballot ballot = new Ballot(cfg, now);
    for (VantageHealth v : records) {
      ballot.add(v);
    }
    return ballot.tally();
  }

  private static void checkOwner(Endpoint e, VantageHealth[] records) {
    for (VantageHealth v : records) {
      if (!v.endpoint().equals(e.id()) || !v.service().equals(e.service())) {
        throw new IllegalArgumentException(
            "vantage record of " + v.service() + "/" + v.endpoint() + " given for " + e.id());
      }
    }
  }

  /**
   * One endpoint's votes, gathered a record at a time: the newest record of each vantage counts,
   * and what the verdict needs (stale or not, UP or DOWN, since when UP) is taken from a record as
   * it arrives. The planner feeds every record of a service through a ballot once, in store order,
   * and reads the records again only for the few endpoints an explanation names: at tens of
   * thousands of records, touching each record twice is most of a planning pass.
   *
   * <p>The caller makes sure the records belong to one endpoint ({@link #evaluate} and {@link
   * #tally} check it).
   */
  public static final class Ballot {
    private static final int STALE = 0;
    private static final int UP = 1;
    private static final int DOWN = 2;
    private static final int NO_VOTE = 3;

    private final int quorum;
    private final Duration staleness;
    private final Instant now;
    private VantageHealth[] records = new VantageHealth[4];
    // per slot: [2i] = upSince epoch second, [2i + 1] = upSince nano << 2 | vote
    private long[] data = new long[8];
    private int n;

    public Ballot(ServiceConfig cfg, Instant now) {
      this.quorum = cfg.quorum();
      this.staleness = cfg.staleness();
      this.now = now;
    }

    /** Counts {@code v}, replacing an older record of the same vantage (a newer one wins). */
    public void add(VantageHealth v) {
      Region vantage = v.vantage();
      int slot = n;
      for (int i = 0; i < n; i++) {
        Region r = records[i].vantage();
        if (r == vantage || r.equals(vantage)) {
          if (!v.lastProbeAt().isAfter(records[i].lastProbeAt())) {
            return;
          }
          slot = i;
          break;
        }
      }
      if (slot == records.length) {
        records = Arrays.copyOf(records, slot * 2);
        data = Arrays.copyOf(data, slot * 4);
      }
      records[slot] = v;
      int vote;
      Instant up = Instant.EPOCH;
      if (isStale(v.lastProbeAt(), staleness, now)) {
        vote = STALE;
      } else if (v.suppressed() || v.state() == HealthState.DOWN) {
        vote = DOWN;
      } else if (v.state() == HealthState.UP) {
        vote = UP;
        up = v.upSince().isPresent() ? v.upSince().get() : v.lastTransitionAt().orElse(up);
      } else {
        vote = NO_VOTE;
      }
      data[2 * slot] = up.getEpochSecond();
      data[2 * slot + 1] = ((long) up.getNano() << 2) | vote;
      if (slot == n) {
        n++;
      }
    }

    /** The records that count: the newest of each vantage, in arrival order. */
    public List<VantageHealth> records() {
      return Arrays.asList(Arrays.copyOf(records, n));
    }

    /** The verdict from the records added so far. */
    public Tally tally() {
      int up = 0;
      int down = 0;
      int stale = 0;
      long[] upSince = new long[2 * n];
      for (int i = 0; i < n; i++) {
        switch ((int) (data[2 * i + 1] & 3)) {
          case STALE -> stale++;
          case DOWN -> down++;
          case UP -> {
            upSince[2 * up] = data[2 * i];
            upSince[2 * up + 1] = data[2 * i + 1] >>> 2;
            up++;
          }
          default -> {
            // fresh but UNKNOWN: votes for neither side
          }
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
        // the quorum-th earliest upSince: a selection by insertion over a handful of vantages
        for (int i = 1; i < up; i++) {
          long sec = upSince[2 * i];
          long nano = upSince[2 * i + 1];
          int j = i - 1;
          while (j >= 0
              && (upSince[2 * j] > sec || (upSince[2 * j] == sec && upSince[2 * j + 1] > nano))) {
            upSince[2 * j + 2] = upSince[2 * j];
            upSince[2 * j + 3] = upSince[2 * j + 1];
            j--;
          }
          upSince[2 * j + 2] = sec;
          upSince[2 * j + 3] = nano;
        }
        int q = quorum - 1;
        healthySince = Optional.of(Instant.ofEpochSecond(upSince[2 * q], upSince[2 * q + 1]));
      }
      return new Tally(verdict, up, down, stale, healthySince);
    }
  }

  /** Insertion sort by vantage code (a handful of records; no comparator chains). */
  private static void sortByVantage(VantageHealth[] a) {
    for (int i = 1; i < a.length; i++) {
      VantageHealth x = a[i];
      int j = i - 1;
      while (j >= 0 && x.vantage().code().compareTo(a[j].vantage().code()) < 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
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
