package p2pchat.registry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes history records off the request path: {@link #add} only queues, and one thread drains the
 * queue in batches, one transaction each. The same thread deletes records older than the retention
 * now and then.
 *
 * <p>When more requests come than the database can record, the registry reads fewer: past {@link
 * #HIGH_WATER} records waiting, {@link #pauseIfBacklogged} tells a connection to stop reading until
 * the queue is down to {@link #LOW_WATER}. A full queue (which takes a flood of requests read
 * before their connections paused) still drops records rather than blocking, and says so in the
 * log, at most once per {@link DroppedRecords#REPORT_INTERVAL}.
 */
public final class HistoryWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);

  /** Most records written in one transaction. */
  static final int BATCH = 5_000;

  /** Most records waiting to be written; more are dropped. */
  static final int QUEUE_CAPACITY = 100_000;

  /** Records waiting from which connections stop reading requests. */
  static final int HIGH_WATER = QUEUE_CAPACITY / 4;

  /** Records waiting at or below which paused connections read again. */
  static final int LOW_WATER = HIGH_WATER / 5;

  /** Longest time between two purges of old records. */
  private static final Duration MAX_PURGE_INTERVAL = Duration.ofHours(1);

  private static final Object STOP = new Object();

  private final HistoryStore store;
  private final Duration retention;
  private final Duration purgeInterval;
  private final Supplier<Instant> clock;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final DroppedRecords dropped;
  private final List<Runnable> paused = new ArrayList<>(); // guarded by itself
  private final int highWater;
  private final int lowWater;
  private final Thread thread;
  private volatile boolean closed;

  /** A writer to {@code store} keeping records for {@code retention}; its thread starts now. */
  public HistoryWriter(HistoryStore store, Duration retention, Supplier<Instant> clock) {
    this(store, retention, clock, HIGH_WATER, LOW_WATER);
    start();
  }

  /** A writer whose thread waits for {@link #start}, pausing readers at {@code highWater}. */
  HistoryWriter(
      HistoryStore store,
      Duration retention,
      Supplier<Instant> clock,
      int highWater,
      int lowWater) {
    this.highWater = highWater;
    this.lowWater = lowWater;
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.dropped = new DroppedRecords(clock);
    Duration tenth = retention.dividedBy(10);
    this.purgeInterval =
        tenth.compareTo(MAX_PURGE_INTERVAL) > 0
            ? MAX_PURGE_INTERVAL
            : tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    this.thread = Thread.ofPlatform().name("registry-history").daemon().unstarted(this::run);
  }

  /** Starts writing. */
  void start() {
    thread.start();
  }

  /** Queues {@code record} to be written; never blocks. */
  public void add(HistoryRecord record) {
    if (closed) {
      return; // the registry is stopping: requests still being answered are not recorded
    }
    if (!queue.offer(record)) {
      if (dropped.drop()) {
        LOG.warn("the request history cannot keep up: dropping records until it does");
      }
    }
  }

  /**
   * True if so many records wait to be written that the caller should stop reading requests; then
   * {@code resume} runs, once and on the writer's thread, when the queue is short again.
   */
  public boolean pauseIfBacklogged(Runnable resume) {
    if (queue.size() < highWater || closed) {
      return false;
    }
    synchronized (paused) {
      // Under the lock the writer resumes by, and with at least highWater records to write: the
      // writer checks again after each batch until the queue is short, so resume always runs.
      if (queue.size() < highWater) {
        return false;
      }
      paused.add(resume);
      return true;
    }
  }

  /**
   * Waits until every record added before this call is written (or given up on), so that a reader
   * sees them; at most {@code timeout}.
   */
  public void flush(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> written = new CompletableFuture<>();
    if (closed || !queue.offer(written, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    try {
      written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The reader sees what was written by now; the log says what went wrong.
    }
  }

  private void run() {
    Instant nextPurge = clock.get();
    List<Object> items = new ArrayList<>(BATCH);
    while (true) {
      try {
        long wait = Math.max(0, Duration.between(clock.get(), nextPurge).toMillis());
        Duration untilReport = dropped.untilReport();
        if (untilReport != null) {
          wait = Math.min(wait, untilReport.toMillis()); // report the last drops without a batch
        }
        Object first = queue.poll(wait, TimeUnit.MILLISECONDS);
        if (first != null) {
          items.add(first);
          queue.drainTo(items, BATCH - 1);
        }
        boolean stop = write(items);
        items.clear();
        resumeIfShort();
        if (stop) {
          return;
        }
        if (!clock.get().isBefore(nextPurge)) {
          purge();
          nextPurge = clock.get().plus(purgeInterval);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("the history writer failed; it goes on", e);
        items.clear();
      }
    }
  }

  private void resumeIfShort() {
    List<Runnable> resume;
    synchronized (paused) {
      if (paused.isEmpty() || queue.size() > lowWater) {
        return;
      }
      resume = List.copyOf(paused);
      paused.clear();
    }
    for (Runnable r : resume) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("resuming a paused reader failed", e);
      }
    }
  }

  /** Writes the records among {@code items}, then releases the flushes; true at the stop mark. */
  private boolean write(List<Object> items) {
    List<HistoryRecord> records = new ArrayList<>(items.size());
    boolean stop = false;
    for (Object item : items) {
      if (item instanceof HistoryRecord r) {
        records.add(r);
      } else if (item == STOP) {
        stop = true;
      }
    }
    try {
      store.append(records);
    } catch (StoreException e) {
      LOG.warn("lost {} history records: {}", records.size(), e.getMessage());
    }
    long lost = dropped.takeReport();
    if (lost > 0) {
      LOG.warn("the request history caught up; {} records were dropped", lost);
    }
    for (Object item : items) {
      if (item instanceof CompletableFuture<?> flush) {
        flush.complete(null);
      }
    }
    return stop;
  }

  private void purge() {
    try {
      int gone = store.purge(clock.get().minus(retention));
      if (gone > 0) {
        LOG.info("purged {} history records older than {}", gone, retention);
      }
    } catch (StoreException e) {
      LOG.warn("purging old history: {}", e.getMessage());
    }
  }

  /** Writes what is queued, then stops the thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(STOP);
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
