package p2pchat.peer.transfer.download;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import p2pchat.peer.transfer.TransferSettings;

/**
 * When a download without sources looks for them again: after a pause that doubles each time, from
 * the settings' least to their most, and back to the least once a source is found. Guarded by the
 * download's lock.
 */
final class RetryTimer {
  private final ScheduledExecutorService timers;
  private final Duration min;
  private final Duration max;
  private Duration next;
  private ScheduledFuture<?> pending;

  RetryTimer(ScheduledExecutorService timers, TransferSettings settings) {
    this.timers = timers;
    this.min = settings.retryMin();
    this.max = settings.retryMax();
    this.next = min;
  }

  /** Runs {@code retry} after the next pause, and makes the one after longer. */
  void schedule(Runnable retry) {
    Duration wait = next;
    next = next.multipliedBy(2);
    if (next.compareTo(max) > 0) {
      next = max;
    }
    pending = timers.schedule(retry, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A source was found (or someone came online): the next pause is the shortest again. */
  void reset() {
    next = min;
  }

  /** Cancels the retry pending, if any. */
  void cancel() {
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
