package dev.meridian.core.health;

import dev.meridian.core.model.FlapDamping;
import dev.meridian.core.model.HealthState;
import dev.meridian.core.model.ProbeResult;
import dev.meridian.core.model.ProbeSettings;
import dev.meridian.core.model.ServiceConfig;
import dev.meridian.core.model.VantageHealth;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One vantage's health state machine for one endpoint: rise/fall counting, flap damping and the
 * latency EWMA. A pure function: {@link #apply} folds one {@link ProbeResult} into a {@link
 * VantageHealth} and uses {@code result.at()} as "now".
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>UNKNOWN → UP after {@code rise} consecutive successes, UNKNOWN → DOWN after {@code fall}
 *       consecutive failures; UP → DOWN after {@code fall} failures; DOWN → UP after {@code rise}
 *       successes. Nothing ever returns to UNKNOWN: a vantage that stops reporting goes
 *       <em>stale</em> (see {@link Quorum}), which is a property of time, not of the machine.
 *   <li>Flap damping: every UP ↔ DOWN transition adds {@code damping.penalty} to a penalty that
 *       halves every {@code damping.halfLife} (capped at {@code maxPenalty}). The first learning
 *       transition out of UNKNOWN is not a flap and costs nothing. When the penalty exceeds {@code
 *       suppressThreshold} the record is {@code suppressed}: it is held DOWN — an UP→DOWN flap
 *       proceeds, a DOWN→UP flap is refused — until the penalty has decayed below {@code
 *       reuseThreshold}; after that it needs the usual {@code rise} successes (successes seen while
 *       suppressed count).
 *   <li>Latency: an EWMA ({@link #LATENCY_EWMA_ALPHA}) of successful probes only; a failure's
 *       latency is usually a timeout and would only distort it.
 *   <li>A result older than the record's {@code lastProbeAt} (a delayed, out-of-order report) is
 *       ignored.
 * </ul>
 *
 * <p>{@link Step#transition()} is present exactly when {@code state} changed. Suppression starting
 * on a refused DOWN→UP (state stays DOWN) or ending changes the record ({@code suppressed}) but is
 * not a state transition; {@link HealthWritePolicy} writes such records at once.
 */
public final class VantageStateMachine {
  /** Weight of the newest sample in the latency EWMA. */
  public static final double LATENCY_EWMA_ALPHA = 0.3;

  /** The legal transitions; everything else throws {@link IllegalStateTransitionException}. */
  public static final Map<HealthState, Set<HealthState>> TRANSITIONS = transitions();

  private VantageStateMachine() {}

  private static Map<HealthState, Set<HealthState>> transitions() {
    EnumMap<HealthState, Set<HealthState>> t = new EnumMap<>(HealthState.class);
    t.put(
        HealthState.UNKNOWN,
        Collections.unmodifiableSet(EnumSet.of(HealthState.UP, HealthState.DOWN)));
    t.put(HealthState.UP, Collections.unmodifiableSet(EnumSet.of(HealthState.DOWN)));
    t.put(HealthState.DOWN, Collections.unmodifiableSet(EnumSet.of(HealthState.UP)));
    return Collections.unmodifiableMap(t);
  }

  /** Whether {@code from → to} is a legal transition. */
  public static boolean isLegal(HealthState from, HealthState to) {
    return TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
  }

  /** Throws {@link IllegalStateTransitionException} unless {@code from → to} is legal. */
  public static void checkTransition(HealthState from, HealthState to) {
    if (!isLegal(from, to)) {
      throw new IllegalStateTransitionException(from, to);
    }
  }

  /**
   * The result of folding one probe into a vantage record.
   *
   * @param next the new record (equal to the input when the result was ignored as out of order)
   * @param transition the state change, if the state changed
   */
  public record Step(VantageHealth next, Optional<HealthTransition> transition) {
    public Step {
      java.util.Objects.requireNonNull(next, "next");
      transition = transition == null ? Optional.empty() : transition;
    }
  }

  /**
   * Folds {@code result} into {@code current}.
   *
   * @throws IllegalArgumentException if the result is for another service, endpoint or vantage
   */
  public static Step apply(VantageHealth current, ProbeResult result, ServiceConfig config) {
    if (!current.service().equals(result.service())
        || !current.endpoint().equals(result.endpoint())
        || !current.vantage().equals(result.vantage())) {
      throw new IllegalArgumentException(
          "probe result for "
              + result.service()
              + "/"
              + result.endpoint()
              + "@"
              + result.vantage()
              + " applied to the record of "
              + current.service()
              + "/"
              + current.endpoint()
              + "@"
              + current.vantage());
    }
    var now = result.at();
    if (now.isBefore(current.lastProbeAt())) {
      return new Step(current, Optional.empty());
    }
    ProbeSettings probe = config.probe();
    FlapDamping damping = config.damping();
    boolean ok = result.ok();
    int okCount = ok ? saturatedIncrement(current.consecutiveOk()) : 0;
    int failCount = ok ? 0 : saturatedIncrement(current.consecutiveFail());
    double latency =
        ok
            ? ewma(current.latencyEwmaMillis(), result.latency().toNanos() / 1_000_000.0)
            : current.latencyEwmaMillis();
    Optional<String> lastFailure = ok ? current.lastFailure() : result.failure();

    double penaltyNow = Damping.decayed(current, damping, now);
    double penalty = current.penalty();
    var penaltyAt = current.penaltyAt();
    boolean suppressed = current.suppressed();
    String release = null;
    if (suppressed && (!damping.enabled() || penaltyNow < damping.reuseThreshold())) {
      suppressed = false;
      penalty = penaltyNow;
      penaltyAt = now;
      release =
          damping.enabled()
              ? "released from flap damping (penalty "
                  + round(penaltyNow)
                  + " < reuse "
                  + round(damping.reuseThreshold())
                  + ")"
              : "released: flap damping disabled";
    }

    HealthState from = current.state();
    HealthState to = from;
    String evidence = null;
    if (ok && okCount >= probe.rise() && from != HealthState.UP) {
      to = HealthState.UP;
      evidence = okCount + " consecutive successes (" + round(latency) + " ms)";
    } else if (!ok && failCount >= probe.fall() && from != HealthState.DOWN) {
      to = HealthState.DOWN;
      evidence = failCount + " consecutive failures: " + result.failure().orElse("failed");
    }
    if (to == HealthState.UP && suppressed) {
      to = from; // held DOWN until the penalty decays below the reuse threshold
    }

    boolean flap = to != from && from != HealthState.UNKNOWN;
    if (to != from) {
      checkTransition(from, to);
    }
    if (flap && damping.enabled()) {
      penalty = Math.min(damping.maxPenalty(), penaltyNow + damping.penalty());
      penaltyAt = now;
      if (penalty > damping.suppressThreshold()) {
        suppressed = true;
        String why =
            "flap damping suppresses it (penalty "
                + round(penalty)
                + " > suppress "
                + round(damping.suppressThreshold())
                + ", held DOWN until it decays below "
                + round(damping.reuseThreshold())
                + ")";
        if (to == HealthState.UP) {
          to = from; // this very flap crossed the threshold: refuse to come back UP
        } else {
          evidence = evidence + "; " + why;
        }
      }
    }
    if (release != null && to != from) {
      evidence = release + "; " + evidence;
    }

    Optional<java.time.Instant> upSince =
        to == from
            ? (to == HealthState.UP ? current.upSince() : Optional.empty())
            : (to == HealthState.UP ? Optional.of(now) : Optional.empty());
    VantageHealth next =
        new VantageHealth(
            current.service(),
            current.endpoint(),
            current.vantage(),
            to,
            okCount,
            failCount,
            now,
            to != from ? Optional.of(now) : current.lastTransitionAt(),
            upSince,
            penalty,
            penaltyAt,
            suppressed,
            latency,
            lastFailure);
    Optional<HealthTransition> transition =
        to == from
            ? Optional.empty()
            : Optional.of(
                new HealthTransition(
                    current.service(),
                    current.endpoint(),
                    current.vantage(),
                    from,
                    to,
                    now,
                    evidence));
    return new Step(next, transition);
  }

  /** The next latency EWMA; the first sample (no average yet) seeds it. */
  static double ewma(double current, double sampleMillis) {
    if (current <= 0) {
      return sampleMillis;
    }
    return LATENCY_EWMA_ALPHA * sampleMillis + (1 - LATENCY_EWMA_ALPHA) * current;
  }

  private static int saturatedIncrement(int n) {
    return n == Integer.MAX_VALUE ? n : n + 1;
  }

  static String round(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
