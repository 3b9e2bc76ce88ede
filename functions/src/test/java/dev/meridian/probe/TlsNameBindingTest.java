package dev.meridian.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TlsNameBindingTest {
  final TlsNameBinding binding = new TlsNameBinding();

  static long in(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void boundName_replacesTheLiteral_untilReleased() throws Exception {
    assertThat(binding.nameFor("10.0.0.1", 443)).isEqualTo("10.0.0.1");
    try (var lease = binding.bind("10.0.0.1", 443, "API.example.com", in(100))) {
      assertThat(binding.nameFor("10.0.0.1", 443)).isEqualTo("api.example.com");
      assertThat(binding.nameFor("10.0.0.1", 8443)).isEqualTo("10.0.0.1");
      assertThat(binding.nameFor("[10.0.0.1]", 443)).isEqualTo("api.example.com");
    }
    assertThat(binding.nameFor("10.0.0.1", 443)).isEqualTo("10.0.0.1");
    assertThat(binding.size()).isZero();
  }

  @Test
  void sameName_isShared() throws Exception {
    var a = binding.bind("10.0.0.1", 443, "a.example.com", in(100));
    var b = binding.bind("10.0.0.1", 443, "a.example.com", in(100));
    a.close();
    assertThat(binding.nameFor("10.0.0.1", 443)).isEqualTo("a.example.com");
    b.close();
    assertThat(binding.size()).isZero();
  }

  @Test
  void differentName_waitsForTheHolder_andTimesOut() throws Exception {
    var a = binding.bind("10.0.0.1", 443, "a.example.com", in(1000));

    assertThatThrownBy(() -> binding.bind("10.0.0.1", 443, "b.example.com", in(50)))
        .isInstanceOf(TimeoutException.class);

    CompletableFuture<String> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try (var b = binding.bind("10.0.0.1", 443, "b.example.com", in(5000))) {
                return binding.nameFor("10.0.0.1", 443);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    a.close();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("b.example.com");
    assertThat(binding.size()).isZero();
  }

  @Test
  void aWaitingName_isNotStarvedByNewArrivalsOfTheHoldingName() throws Exception {
    var a = binding.bind("10.0.0.1", 443, "a.example.com", in(1000));
    CompletableFuture<String> b =
        CompletableFuture.supplyAsync(
            () -> {
              try (var lease = binding.bind("10.0.0.1", 443, "b.example.com", in(5000))) {
                return binding.nameFor("10.0.0.1", 443);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long until = in(5000);
    while (binding.waiters("10.0.0.1", 443) == 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }

    assertThatThrownBy(() -> binding.bind("10.0.0.1", 443, "a.example.com", in(50)))
        .as("a newcomer with the holding name queues behind the waiting name")
        .isInstanceOf(TimeoutException.class);
    a.close();
    assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("b.example.com");
  }
}
