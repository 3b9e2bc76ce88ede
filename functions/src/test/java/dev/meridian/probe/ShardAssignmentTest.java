package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.ServiceName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardAssignmentTest {
  private static final ServiceName SVC = ServiceName.of("api.example.com");

  @ParameterizedTest(name = "{0}: key {1}, shard {2}/8, shard {3}/3")
  @CsvSource({
    "use1-a, 6782047459282755861, 1, 1",
    "euw1-a, -7099731824228807555, 6, 1",
    "apse2-b, 4541239349828928126, 6, 1",
    "ep-0, -5647235531239156041, 5, 0",
  })
  void isStableAcrossJvmsAndReleases_pinnedValues(String id, long key, int of8, int of3) {
    // Pinned on purpose: changing the hash would move every endpoint to another shard on deploy.
    EndpointId e = EndpointId.of(id);
    assertThat(ShardAssignment.key(SVC, e)).isEqualTo(key);
    assertThat(ShardAssignment.shardOf(SVC, e, 8)).isEqualTo(of8);
    assertThat(ShardAssignment.shardOf(SVC, e, 3)).isEqualTo(of3);
  }

  @Test
  void dependsOnTheNormalisedServiceName() {
    EndpointId e = EndpointId.of("use1-a");
    assertThat(ShardAssignment.key(ServiceName.of("API.Example.com."), e))
        .isEqualTo(ShardAssignment.key(SVC, e));
    assertThat(ShardAssignment.key(ServiceName.of("web.example.com"), e))
        .isNotEqualTo(ShardAssignment.key(SVC, e));
  }

  @Test
  void oneShard_ownsEverything() {
    for (int i = 0; i < 100; i++) {
      assertThat(ShardAssignment.shardOf(SVC, EndpointId.of("e" + i), 1)).isZero();
    }
  }

  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {2, 3, 8, 16})
  void balancesEndpointsAcrossShards(int shards) {
    int n = 20_000;
    int[] counts = new int[shards];
    for (int i = 0; i < n; i++) {
      ServiceName svc = ServiceName.of("svc" + (i % 50) + ".example.com");
      counts[ShardAssignment.shardOf(svc, EndpointId.of("ep-" + i), shards)]++;
    }
    double expected = (double) n / shards;
    for (int c : counts) {
      assertThat(c).isBetween((int) (expected * 0.9), (int) (expected * 1.1));
    }
  }

  @Test
  void growingByOneShard_movesAboutOneInNPlusOne() {
    int n = 10_000;
    int moved = 0;
    for (int i = 0; i < n; i++) {
      EndpointId id = EndpointId.of("ep-" + i);
      int before = ShardAssignment.shardOf(SVC, id, 4);
      int after = ShardAssignment.shardOf(SVC, id, 5);
      if (before != after) {
        moved++;
        assertThat(after).as("moved endpoints go to the new shard").isEqualTo(4);
      }
    }
    assertThat(moved).isBetween((int) (n / 5 * 0.85), (int) (n / 5 * 1.15));
  }

  @Test
  void owns_agreesWithShardOf() {
    EndpointId id = EndpointId.of("x");
    int s = ShardAssignment.shardOf(SVC, id, 7);
    for (int i = 0; i < 7; i++) {
      assertThat(ShardAssignment.owns(i, 7, SVC, id)).isEqualTo(i == s);
    }
  }

  @Test
  void rejectsAnInvalidShardCount() {
    assertThatThrownBy(() -> ShardAssignment.shardOf(SVC, EndpointId.of("x"), 0))
        .hasMessageContaining("meridian.probe.shards");
    assertThatThrownBy(() -> ShardAssignment.shardOf(SVC, EndpointId.of("x"), 5000))
        .hasMessageContaining("meridian.probe.shards");
  }
}
