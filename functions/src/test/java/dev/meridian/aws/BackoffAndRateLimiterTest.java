package dev.meridian.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffAndRateLimiterTest {

  @ParameterizedTest(name = "retry {0}: at most {1} ms")
  @CsvSource({"0, 100", "1, 200", "2, 400", "3, 800", "4, 1000", "30, 1000", "60, 1000"})
  void backoff_isFullJitterUnderADoublingCeiling(int retry, long ceilingMs) {
    Backoff b =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new SplittableRandom(retry));
    long max = 0;
    for (int i = 0; i < 500; i++) {
      Duration d = b.delay(retry);
      assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(ceilingMs));
      max = Math.max(max, d.toMillis());
    }
    assertThat(max).isGreaterThan(ceilingMs / 2);
  }

  @Test
  void backoff_isReproducibleWithASeededGenerator() {
    Backoff a = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), new SplittableRandom(9));
    Backoff b = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), new SplittableRandom(9));
    for (int i = 0; i < 10; i++) {
      assertThat(a.delay(i)).isEqualTo(b.delay(i));
    }
    assertThatThrownBy(
            () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rateLimiter_spacesRequestsAtTheConfiguredRate() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    RateLimiter limiter = new RateLimiter(5, clock, sleeper);

    for (int i = 0; i < 6; i++) {
      limiter.acquire();
    }

    assertThat(sleeper.sleeps()).hasSize(5).allMatch(d -> d.equals(Duration.ofMillis(200)));
    assertThat(limiter.waits()).isEqualTo(5);
  }

  @Test
  void rateLimiter_doesNotWaitWhenRequestsAreAlreadySpaced() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    RateLimiter limiter = new RateLimiter(2, clock, sleeper);

    limiter.acquire();
    clock.advance(Duration.ofMillis(600));
    limiter.acquire();
    clock.advance(Duration.ofMillis(100));
    limiter.acquire();

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(400));
    assertThatThrownBy(() -> new RateLimiter(0, clock, sleeper))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
