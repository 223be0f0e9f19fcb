package p2pchat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import p2pchat.bench.report.Histogram;

/**
 * Starts many operations with a bounded number in flight, timing each: how the load ramps
 * connections and logins up. Stops starting new ones after the first failure once {@code
 * maxFailures} is reached, so a run that hits a limit ends with how far it got and why.
 */
public final class Ramp {
  /**
   * How a ramp went.
   *
   * @param succeeded operations that completed
   * @param failed operations that failed
   * @param nanos wall time from the first start to the last completion
   * @param latencies time of each successful operation
   * @param firstError the first failure, if any
   */
  public record Outcome(
      int succeeded, int failed, long nanos, Histogram latencies, String firstError) {
    /** Operations completed per second. */
    public double perSecond() {
      return nanos == 0 ? 0 : succeeded * 1e9 / nanos;
    }
  }

  private Ramp() {}

  /**
   * Runs {@code op(i)} for i in 0..count-1, at most {@code concurrency} at a time; gives up after
   * {@code maxFailures} failures or when {@code timeoutSeconds} have passed.
   */
  public static <T> Outcome run(
      int count,
      int concurrency,
      int maxFailures,
      long timeoutSeconds,
      IntFunction<CompletableFuture<T>> op,
      List<T> results)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    Histogram latencies = new Histogram();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>("");
    List<T> done = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    int started = 0;
    for (int i = 0; i < count && failed.get() < maxFailures; i++) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        firstError.compareAndSet("", "timed out after " + timeoutSeconds + " s");
        break;
      }
      long t0 = System.nanoTime();
      CompletableFuture<T> f;
      try {
        f = op.apply(i);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      started++;
      f.whenComplete(
          (result, error) -> {
            if (error == null) {
              latencies.record(System.nanoTime() - t0);
              ok.incrementAndGet();
              done.add(result);
            } else {
              failed.incrementAndGet();
              Throwable root = error;
              while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
              }
              firstError.compareAndSet("", root.toString());
            }
            permits.release();
          });
    }
    // Wait for those in flight.
    long left = Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30);
    permits.tryAcquire(concurrency, left, TimeUnit.NANOSECONDS);
    long nanos = System.nanoTime() - start;
    results.addAll(done);
    if (ok.get() + failed.get() < started) {
      firstError.compareAndSet("", (started - ok.get() - failed.get()) + " never completed");
    }
    return new Outcome(ok.get(), failed.get(), nanos, latencies, firstError.get());
  }
}
