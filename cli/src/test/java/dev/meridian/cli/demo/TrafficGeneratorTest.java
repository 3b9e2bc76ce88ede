package dev.meridian.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {
  /** A clock the test moves. */
  private static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final StepClock clock = new StepClock();
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicReference<String> answer = new AtomicReference<>("127.0.0.11");
  private final Map<String, String> regionOf =
      Map.of("127.0.0.11", "us-east-1", "127.0.0.12", "us-west-2");

  private TrafficGenerator generator(int clients, Duration ttl) {
    TrafficGenerator.Resolver resolver =
        name -> {
          lookups.incrementAndGet();
          return new TrafficGenerator.Answer(List.of(answer.get()), ttl);
        };
    TrafficGenerator.Requester requester =
        address -> {
          if (address.equals("127.0.0.99")) {
            throw new IOException("connection refused");
          }
          return Optional.ofNullable(regionOf.get(address));
        };
    return new TrafficGenerator(
        "api.demo.test",
        clients,
        resolver,
        requester,
        clock,
        new SplittableRandom(1),
        Duration.ofSeconds(5));
  }

  @Test
  void eachClientHonoursTheTtl_beforeAskingDnsAgain() throws InterruptedException {
    TrafficGenerator g = generator(1, Duration.ofSeconds(5));
    for (int i = 0; i < 10; i++) {
      g.step();
      clock.now = clock.now.plusMillis(400); // 10 requests over 4 s: one lookup
    }
    assertThat(lookups.get()).isEqualTo(1);
    answer.set("127.0.0.12");
    clock.now = clock.now.plusSeconds(2); // the cached answer has expired
    g.step();
    assertThat(lookups.get()).isEqualTo(2);
    assertThat(g.shares()).containsKeys("us-east-1", "us-west-2");
  }

  @Test
  void sharesCoverTheWindowOnly_soTrafficIsSeenMoving() throws InterruptedException {
    TrafficGenerator g = generator(3, Duration.ZERO);
    for (int i = 0; i < 20; i++) {
      g.step();
      clock.now = clock.now.plusMillis(100);
    }
    assertThat(g.shares()).containsExactly(Map.entry("us-east-1", 1.0));
    answer.set("127.0.0.12");
    clock.now = clock.now.plusSeconds(6); // the east samples fall out of the 5 s window
    for (int i = 0; i < 20; i++) {
      g.step();
      clock.now = clock.now.plusMillis(100);
    }
    assertThat(g.shares()).containsExactly(Map.entry("us-west-2", 1.0));
    assertThat(g.requests()).isEqualTo(40);
    assertThat(g.line(Duration.ofSeconds(8))).contains("us-west-2 100%").contains("40 requests");
  }

  @Test
  void failedRequests_countAsErrors() throws InterruptedException {
    answer.set("127.0.0.99");
    TrafficGenerator g = generator(2, Duration.ofSeconds(5));
    for (int i = 0; i < 5; i++) {
      g.step();
    }
    assertThat(g.errors()).isEqualTo(5);
    assertThat(g.shares()).containsExactly(Map.entry("error", 1.0));
  }
}
