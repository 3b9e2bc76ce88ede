package dev.meridian.local.dns;

import static dev.meridian.local.dns.Records.failover;
import static dev.meridian.local.dns.Records.latency;
import static dev.meridian.local.dns.Records.multi;
import static dev.meridian.local.dns.Records.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.DnsRecordSet;
import dev.meridian.core.model.FailoverRole;
import dev.meridian.core.model.Region;
import dev.meridian.local.dns.RecordSelector.Selection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordSelectorTest {
  private static final String N = "api.demo.test";
  private final RecordSelector selector = new RecordSelector(Optional.empty());
  private final SplittableRandom random = new SplittableRandom(7);

  private Map<String, Integer> counts(List<DnsRecordSet> sets, int n) {
    Map<String, Integer> c = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Selection s = selector.select(sets, random);
      c.merge(String.join(",", s.values()), 1, Integer::sum);
    }
    return c;
  }

  @Test
  void weighted_neverPicksAZeroWeightSet_whileAnotherHasWeight() {
    var sets =
        List.of(
            weighted(N, "us-east-1", 0, "127.0.0.11"), weighted(N, "us-west-2", 5, "127.0.0.12"));
    assertThat(counts(sets, 1_000)).containsOnlyKeys("127.0.0.12");
  }

  @Test
  void weighted_allZero_choosesAmongAllWithEqualProbability() {
    var sets =
        List.of(
            weighted(N, "us-east-1", 0, "127.0.0.11"),
            weighted(N, "us-west-2", 0, "127.0.0.12"),
            weighted(N, "eu-west-1", 0, "127.0.0.13"));
    Map<String, Integer> c = counts(sets, 3_000);
    assertThat(c).containsOnlyKeys("127.0.0.11", "127.0.0.12", "127.0.0.13");
    c.values().forEach(v -> assertThat(v).isBetween(850, 1150));
  }

  @Test
  void weighted_skipsSetsWithoutValues_andNeverAnswersEmptyWhileValuesExist() {
    var sets =
        List.of(
            weighted(N, "us-east-1", 200, new String[0]), weighted(N, "eu-west-1", 1, "10.0.0.1"));
    assertThat(counts(sets, 200)).containsOnlyKeys("10.0.0.1");
  }

  @Test
  void noValuesAnywhere_isAnEmptySelection() {
    assertThat(selector.select(List.of(weighted(N, "us-east-1", 5)), random).isEmpty()).isTrue();
    assertThat(selector.select(List.of(), random).isEmpty()).isTrue();
  }

  @Test
  void failover_answersPrimary_thenSecondaryWhenPrimaryIsAbsent() {
    var primary = failover(N, FailoverRole.PRIMARY, "127.0.0.11");
    var secondary = failover(N, FailoverRole.SECONDARY, "127.0.0.12");
    assertThat(selector.select(List.of(secondary, primary), random).values())
        .containsExactly("127.0.0.11");
    assertThat(selector.select(List.of(secondary), random).values()).containsExactly("127.0.0.12");
    var emptyPrimary = failover(N, FailoverRole.PRIMARY);
    assertThat(selector.select(List.of(emptyPrimary, secondary), random).values())
        .containsExactly("127.0.0.12");
  }

  @Test
  void latency_answersTheClientRegion_elseTheLowestRegionCode() {
    var sets =
        List.of(
            latency(N, "us-west-2", "127.0.0.12"),
            latency(N, "eu-west-1", "127.0.0.13"),
            latency(N, "us-east-1", "127.0.0.11"));
    assertThat(selector.select(sets, random).values()).containsExactly("127.0.0.13");
    RecordSelector fromUsWest = new RecordSelector(Optional.of(Region.of("us-west-2")));
    assertThat(fromUsWest.select(sets, random).values()).containsExactly("127.0.0.12");
    RecordSelector fromElsewhere = new RecordSelector(Optional.of(Region.of("ap-south-1")));
    assertThat(fromElsewhere.select(sets, random).values()).containsExactly("127.0.0.13");
  }

  @Test
  void multiValue_answersAtMostEightDistinctValues_chosenAtRandom() {
    List<DnsRecordSet> sets =
        IntStream.rangeClosed(1, 12).mapToObj(i -> multi(N, "e" + i, "127.0.1." + i)).toList();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      Selection s = selector.select(sets, random);
      assertThat(s.values()).hasSize(RecordSelector.MAX_MULTIVALUE).doesNotHaveDuplicates();
      s.values().forEach(v -> seen.merge(v, 1, Integer::sum));
    }
    assertThat(seen).hasSize(12); // every value gets its turn
  }

  @Test
  void multiValue_withFewValues_answersAll() {
    var sets = List.of(multi(N, "a", "127.0.0.11"), multi(N, "b", "127.0.0.12"));
    assertThat(selector.select(sets, random).values())
        .containsExactlyInAnyOrder("127.0.0.11", "127.0.0.12");
  }
}
