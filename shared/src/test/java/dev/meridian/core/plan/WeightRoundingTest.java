package dev.meridian.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeightRoundingTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        arguments(
            "equal shares: every region at 255", new double[] {1, 1, 1}, new int[] {255, 255, 255}),
        arguments("1:1:2", new double[] {0.25, 0.25, 0.5}, new int[] {128, 127, 255}),
        arguments("1:2:2", new double[] {0.2, 0.4, 0.4}, new int[] {127, 255, 255}),
        arguments(
            "a tiny share never rounds to 0", new double[] {0.999, 0.001}, new int[] {254, 1}),
        arguments(
            "an infinitesimal share still gets 1", new double[] {1e-12, 1}, new int[] {1, 254}),
        arguments("a zero share stays 0", new double[] {0, 1}, new int[] {0, 255}),
        arguments("all zero", new double[] {0, 0}, new int[] {0, 0}),
        arguments("shares need not sum to 1", new double[] {3, 1}, new int[] {255, 85}),
        arguments("one region", new double[] {0.3}, new int[] {255}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void roundsByLargestRemainder(String name, double[] shares, int[] expected) {
    assertThat(WeightRounding.weights(shares)).containsExactly(expected);
  }

  @Property(tries = 500)
  void weightsAreInRange_positiveSharesGetTraffic_andTheLargestGetsNear255(
      @ForAll @Size(min = 1, max = 30) java.util.List<@DoubleRange(min = 0, max = 1) Double> list) {
    double[] shares = list.stream().mapToDouble(Double::doubleValue).toArray();
    int[] w = WeightRounding.weights(shares);
    double max = 0;
    for (double s : shares) {
      max = Math.max(max, s);
    }
    int top = 0;
    for (int i = 0; i < w.length; i++) {
      assertThat(w[i]).isBetween(0, 255);
      assertThat(w[i] > 0).isEqualTo(shares[i] > 0);
      top = Math.max(top, w[i]);
    }
    if (max > 0) {
      assertThat(top).isGreaterThanOrEqualTo(255 - shares.length);
    }
  }
}
