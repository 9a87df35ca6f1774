package dev.warden.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Several callers doing something at the same moment, for tests of "exactly one wins". */
public final class Races {
  private Races() {}

  /** What caller {@code caller} (0 to n-1) does. */
  @FunctionalInterface
  public interface Task<T> {
    T run(int caller) throws Exception;
  }

  /**
   * Runs {@code task(0..n-1)} on n threads released together, and returns the results in caller
   * order; each caller has 30 seconds.
   */
  public static <T> List<T> run(int n, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int caller = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.run(caller);
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
