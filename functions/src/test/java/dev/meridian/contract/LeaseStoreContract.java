package dev.meridian.contract;

import static dev.meridian.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.port.Lease;
import dev.meridian.core.port.LeaseStore;
import dev.meridian.core.port.StaleFencingTokenException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LeaseStore} guarantees; run by the fake and the DynamoDB adapter. */
public abstract class LeaseStoreContract {
  private static final Duration TTL = Duration.ofSeconds(30);
  protected LeaseStore leases;
  private String key;

  protected abstract LeaseStore newStore();

  @BeforeEach
  void setUpStore() {
    leases = newStore();
    key = Fixtures.uniqueKey("scheduler");
  }

  @Test
  void theFirstAcquisition_getsToken1_untilNowPlusTtl() {
    Lease lease = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    assertThat(lease.holder()).isEqualTo("a");
    assertThat(lease.fencingToken()).isEqualTo(1);
    assertThat(lease.expiresAt()).isEqualTo(Instant.ofEpochMilli(T0.plus(TTL).toEpochMilli()));
  }

  @Test
  void anotherHolder_cannotTakeAValidLease() {
    leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    assertThat(leases.tryAcquire(key, "b", TTL, T0.plusSeconds(29))).isEmpty();
  }

  @Test
  void theHolderReacquiring_renews_withTheSameToken() {
    Lease first = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    Lease again = leases.tryAcquire(key, "a", TTL, T0.plusSeconds(20)).orElseThrow();

    assertThat(again.fencingToken()).isEqualTo(first.fencingToken());
    assertThat(again.expiresAt()).isAfter(first.expiresAt());
  }

  @Test
  void anExpiredLease_isTakenWithAHigherToken() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    Lease b = leases.tryAcquire(key, "b", TTL, T0.plus(TTL)).orElseThrow();

    assertThat(b.holder()).isEqualTo("b");
    assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
  }

  @Test
  void tokens_onlyEverGrow_acrossExpiriesAndReleases() {
    long last = 0;
    Instant now = T0;
    for (int i = 0; i < 6; i++) {
      Lease l = leases.tryAcquire(key, i % 2 == 0 ? "a" : "b", TTL, now).orElseThrow();
      assertThat(l.fencingToken()).isGreaterThan(last);
      last = l.fencingToken();
      if (i % 3 == 0) {
        leases.release(l);
        now = now.plusSeconds(1);
      } else {
        now = now.plus(TTL).plusSeconds(1);
      }
    }
  }

  @Test
  void renew_extendsAValidLease_withTheSameToken() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    Lease renewed = leases.renew(a, TTL, T0.plusSeconds(25)).orElseThrow();

    assertThat(renewed.fencingToken()).isEqualTo(a.fencingToken());
    assertThat(renewed.expiresAt())
        .isEqualTo(Instant.ofEpochMilli(T0.plusSeconds(55).toEpochMilli()));
    assertThat(leases.tryAcquire(key, "b", TTL, T0.plusSeconds(40))).isEmpty();
  }

  @Test
  void renew_failsOnceTheLeaseExpiredOrWasTakenOver() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    assertThat(leases.renew(a, TTL, T0.plus(TTL))).isEmpty();
    leases.tryAcquire(key, "b", TTL, T0.plus(TTL)).orElseThrow();
    assertThat(leases.renew(a, TTL, T0.plus(TTL).plusSeconds(1))).isEmpty();
  }

  @Test
  void release_freesTheLease_forTheNextHolder_withAHigherToken() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();

    leases.release(a);
    Lease b = leases.tryAcquire(key, "b", TTL, T0.plusSeconds(1)).orElseThrow();

    assertThat(b.fencingToken()).isEqualTo(a.fencingToken() + 1);
  }

  @Test
  void release_byAnExHolder_doesNotTouchTheNewHoldersLease() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();
    Lease b = leases.tryAcquire(key, "b", TTL, T0.plus(TTL)).orElseThrow();

    leases.release(a);

    assertThatCode(() -> leases.checkCurrent(key, b.fencingToken(), T0.plus(TTL).plusSeconds(1)))
        .doesNotThrowAnyException();
    assertThat(leases.tryAcquire(key, "c", TTL, T0.plus(TTL).plusSeconds(1))).isEmpty();
  }

  @Test
  void checkCurrent_acceptsOnlyTheTokenOfAValidLease() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();
    assertThatCode(() -> leases.checkCurrent(key, a.fencingToken(), T0.plusSeconds(1)))
        .doesNotThrowAnyException();

    assertThatThrownBy(() -> leases.checkCurrent(key, a.fencingToken(), T0.plus(TTL)))
        .isInstanceOf(StaleFencingTokenException.class);
  }

  @Test
  void aPausedExHolder_isFencedOff_afterATakeover() {
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();
    Lease b = leases.tryAcquire(key, "b", TTL, T0.plus(TTL).plusSeconds(5)).orElseThrow();

    assertThatThrownBy(
            () -> leases.checkCurrent(key, a.fencingToken(), T0.plus(TTL).plusSeconds(6)))
        .isInstanceOfSatisfying(
            StaleFencingTokenException.class,
            e -> {
              assertThat(e.presented()).isEqualTo(a.fencingToken());
              assertThat(e.current()).isEqualTo(b.fencingToken());
            });
  }

  @Test
  void checkCurrent_onAnUnknownOrReleasedKey_isStale() {
    assertThatThrownBy(() -> leases.checkCurrent(key, 1, T0))
        .isInstanceOfSatisfying(
            StaleFencingTokenException.class, e -> assertThat(e.current()).isZero());
    Lease a = leases.tryAcquire(key, "a", TTL, T0).orElseThrow();
    leases.release(a);
    assertThatThrownBy(() -> leases.checkCurrent(key, a.fencingToken(), T0.plusSeconds(1)))
        .isInstanceOf(StaleFencingTokenException.class);
  }

  @Test
  void twoContendersAtOnce_exactlyOneHoldsTheLease() throws Exception {
    Races.Outcome outcome = Races.run(8, i -> leases.tryAcquire(key, "holder-" + i, TTL, T0));

    long holders = outcome.results().stream().filter(r -> ((Optional<?>) r).isPresent()).count();
    assertThat(outcome.failures()).isEmpty();
    assertThat(holders).isEqualTo(1);
    Lease winner =
        outcome.results().stream()
            .map(r -> (Optional<?>) r)
            .flatMap(Optional::stream)
            .map(Lease.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(winner.fencingToken()).isEqualTo(1);
  }
}
