package dev.meridian.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.app.aggregator.HealthChange;
import dev.meridian.core.model.EndpointId;
import dev.meridian.core.model.Region;
import dev.meridian.core.model.ServiceName;
import dev.meridian.core.model.VantageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthChangeFeedTest {
  private final HealthChangeFeed feed = new HealthChangeFeed();

  private HealthChange change(String endpoint) {
    VantageHealth h =
        VantageHealth.initial(
            ServiceName.of("api.feed.test"),
            EndpointId.of(endpoint),
            Region.of("us-east-1"),
            Instant.parse("2026-12-01T00:00:00Z"));
    return HealthChange.of(feed.nextId(), Optional.empty(), Optional.of(h));
  }

  @Test
  void redeliveredChanges_comeBackFirst_inTheirOrder() throws InterruptedException {
    HealthChange a = change("a");
    HealthChange b = change("b");
    HealthChange c = change("c");
    feed.publish(List.of(a, b, c));

    List<HealthChange> first = feed.take(2, Duration.ofMillis(10));
    assertThat(first).containsExactly(a, b);
    feed.redeliver(first);

    assertThat(feed.take(10, Duration.ofMillis(10))).containsExactly(a, b, c);
    assertThat(feed.pending()).isZero();
  }
}
