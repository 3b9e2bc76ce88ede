package dev.meridian.functions.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.app.probe.Shard;
import dev.meridian.core.model.InvalidValueException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeInputTest {
  @Test
  void readsShardAndShards_asNumbersOrStrings() {
    assertThat(ProbeInput.shard(Map.of("shard", 2, "shards", 4), 1)).isEqualTo(new Shard(2, 4));
    assertThat(ProbeInput.shard(Map.of("shard", "1", "shards", "3"), 1)).isEqualTo(new Shard(1, 3));
    assertThat(ProbeInput.shard(Map.of("shard", 0L, "shards", 2.0), 1)).isEqualTo(new Shard(0, 2));
  }

  @Test
  void shardsDefaultToTheConfiguration() {
    assertThat(ProbeInput.shard(Map.of("shard", 3), 4)).isEqualTo(new Shard(3, 4));
    assertThat(ProbeInput.shard(Map.of("detail-type", "Scheduled Event"), 1)).isEqualTo(Shard.ALL);
    assertThat(ProbeInput.shard(null, 1)).isEqualTo(Shard.ALL);
  }

  @Test
  void rejectsBadValues_namingTheField() {
    assertThatThrownBy(() -> ProbeInput.shard(Map.of("shard", 4, "shards", 4), 1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("shard");
    assertThatThrownBy(() -> ProbeInput.shard(Map.of("shard", "x"), 2))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("shard");
    assertThatThrownBy(() -> ProbeInput.shard(Map.of("shard", 1.5), 2))
        .hasMessageContaining("whole number");
    Map<String, Object> noShard = new HashMap<>();
    noShard.put("shards", 2);
    assertThatThrownBy(() -> ProbeInput.shard(noShard, 1)).hasMessageContaining("2 shards");
  }
}
