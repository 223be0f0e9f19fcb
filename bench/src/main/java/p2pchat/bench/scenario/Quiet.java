package p2pchat.bench.scenario;

import java.util.function.LongSupplier;

/** Waits for a counter to stop moving: how a scenario lets announcements in flight arrive. */
final class Quiet {
  private Quiet() {}

  /**
   * Returns once {@code counter} has not changed for {@code quietMillis}, or after {@code
   * maxMillis}.
   */
  static void await(LongSupplier counter, long quietMillis, long maxMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    long last = counter.getAsLong();
    long since = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      long now = counter.getAsLong();
      if (now != last) {
        last = now;
        since = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - since >= quietMillis) {
        return;
      }
    }
  }
}
