package dev.meridian.core.plan;

import dev.meridian.core.model.Endpoint;
import java.util.Arrays;

/**
 * Turns traffic shares into Route 53 weights (integers 0–255) by the largest-remainder method.
 *
 * <p>The shares are apportioned to a total of {@code ⌊255 / largest share⌋}, so the largest region
 * gets (close to) 255 and the ratios keep the best resolution Route 53 allows; a region with a
 * positive share never ends at 0 (it takes one unit from the largest weight). Ties between equal
 * remainders go to the lower index (the caller sorts regions by code), and shares are compared
 * after rounding to {@link #EPSILON} so that floating-point noise cannot flip a tie.
 */
public final class WeightRounding {
  /** Shares closer than this are equal for tie-breaking. */
  public static final double EPSILON = 1e-9;

  private WeightRounding() {}

  /** Weights for {@code shares} (non-negative, any sum); all zero when every share is zero. */
  public static int[] weights(double[] shares) {
    int n = shares.length;
    int[] w = new int[n];
    double max = 0;
    for (double s : shares) {
      if (s < 0 || Double.isNaN(s)) {
        throw new IllegalArgumentException("shares must be >= 0: " + Arrays.toString(shares));
      }
      max = Math.max(max, s);
    }
    if (max <= 0) {
      return w;
    }
    double sum = 0;
    for (double s : shares) {
      sum += s;
    }
    int total = (int) Math.floor(Endpoint.MAX_WEIGHT * sum / max + EPSILON);
    double[] rem = new double[n];
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      double quota = shares[i] / sum * total;
      w[i] = (int) Math.floor(quota + EPSILON);
      rem[i] = Math.max(0, quota - w[i]);
      assigned += w[i];
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          long ra = Math.round(rem[a] / EPSILON);
          long rb = Math.round(rem[b] / EPSILON);
          return ra != rb ? Long.compare(rb, ra) : Integer.compare(a, b);
        });
    for (int k = 0; assigned < total && k < n; k++) {
      int i = order[k];
      if (shares[i] > 0 && w[i] < Endpoint.MAX_WEIGHT) {
        w[i]++;
        assigned++;
      }
    }
    // Never turn a region that should get traffic into 0: take a unit from the largest weight.
    for (int i = 0; i < n; i++) {
      if (shares[i] > 0 && w[i] == 0) {
        int donor = -1;
        for (int j = 0; j < n; j++) {
          if (w[j] > 1 && (donor < 0 || w[j] > w[donor])) {
            donor = j;
          }
        }
        if (donor >= 0) {
          w[donor]--;
        }
        w[i] = 1;
      }
    }
    return w;
  }
}
