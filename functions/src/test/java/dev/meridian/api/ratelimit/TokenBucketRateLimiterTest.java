package dev.meridian.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.api.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
  final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

  @Test
  void allowsABurst_thenRefusesWithTheTimeUntilTheNextToken() {
    var limiter = new TokenBucketRateLimiter(3, 2.0, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    }
    var refused = limiter.tryAcquire("a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void refillsContinuouslyUpToTheBurst() {
    var limiter = new TokenBucketRateLimiter(2, 1.0, clock);
    limiter.tryAcquire("a");
    limiter.tryAcquire("a");
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    clock.advance(Duration.ofMillis(999));
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    clock.advance(Duration.ofHours(1));
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
  }

  @Test
  void keepsOneBucketPerCaller() {
    var limiter = new TokenBucketRateLimiter(1, 0.1, clock);
    assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    assertThat(limiter.tryAcquire("a").retryAfterSeconds()).isEqualTo(10);
  }

  @Test
  void forgetsFullBuckets_whenTooManyCallersAppear() {
    var limiter = new TokenBucketRateLimiter(1, 1.0, clock);
    for (int i = 0; i < TokenBucketRateLimiter.MAX_KEYS; i++) {
      limiter.tryAcquire("k" + i);
    }
    assertThat(limiter.tryAcquire("k0").allowed()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.tryAcquire("new").allowed()).isTrue();
    // The old buckets had refilled and were dropped: k0 starts afresh with a full bucket.
    assertThat(limiter.tryAcquire("k0").allowed()).isTrue();
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new TokenBucketRateLimiter(0, 1, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucketRateLimiter(1, 0, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
