package p2pchat.registry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the history records dropped because the queue was full, for a report at most once per
 * {@link #REPORT_INTERVAL}: under a sustained overload the writer drops records between every two
 * batches, and a line per batch would flood the log. Records are dropped on any thread; the report
 * is taken on the writer's.
 */
final class DroppedRecords {
  /** Shortest time between two reports of dropped records. */
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);

  private final Supplier<Instant> clock;
  private final AtomicLong count = new AtomicLong();
  private Instant lastReport; // writer thread only; null before the first report

  DroppedRecords(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** Counts one dropped record; true if it is the first since the last report. */
  boolean drop() {
    return count.getAndIncrement() == 0;
  }

  /**
   * The records dropped since the last report if a report is due (some were dropped, and the last
   * report is {@link #REPORT_INTERVAL} ago or there was none), and starts counting again; else 0.
   */
  long takeReport() {
    if (count.get() == 0) {
      return 0;
    }
    Instant now = clock.get();
    if (lastReport != null && now.isBefore(lastReport.plus(REPORT_INTERVAL))) {
      return 0;
    }
    lastReport = now;
    return count.getAndSet(0);
  }

  /** How long until a report of the records dropped so far is due; null if none were dropped. */
  Duration untilReport() {
    if (count.get() == 0) {
      return null;
    }
    if (lastReport == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.get(), lastReport.plus(REPORT_INTERVAL));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
