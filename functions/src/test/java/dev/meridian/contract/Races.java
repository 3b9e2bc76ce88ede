package dev.meridian.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Runs N writers at once (released together by a latch) and collects what happened. */
final class Races {
  private Races() {}

  record Outcome(int successes, List<Throwable> failures, List<Object> results) {}

  static Outcome run(int writers, IntFunction<Object> write) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger ok = new AtomicInteger();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      List<Object> results = Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    results.add(write.apply(n));
                    ok.incrementAndGet();
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      return new Outcome(ok.get(), new ArrayList<>(failures), new ArrayList<>(results));
    } finally {
      pool.shutdownNow();
    }
  }
}
