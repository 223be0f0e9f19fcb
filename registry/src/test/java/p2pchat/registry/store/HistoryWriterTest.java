package p2pchat.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.store.sqlite.SqliteStore;

/**
 * The history writer off the request path, on the SQLite store (what every store must do with the
 * history is in {@link StoreContract}).
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class HistoryWriterTest {
  private static final Instant T0 = Instant.parse("2026-11-21T06:00:00Z");

  @TempDir Path data;

  private static HistoryRecord record(String key, int n, Instant at) {
    return new HistoryRecord(at, key, 7, "Lookup", "name=user" + n, "ok");
  }

  @Test
  void theWriterWritesInOrderFlushesOnDemandPurgesAndWritesWhatIsQueuedOnClose() throws Exception {
    AtomicReference<Instant> clock = new AtomicReference<>(T0);
    try (RegistryStore store = SqliteStore.open(data)) {
      store.history().append(List.of(record("old", 0, T0.minus(Duration.ofDays(31)))));
      HistoryWriter writer = new HistoryWriter(store.history(), Duration.ofDays(30), clock::get);
      int count = 3 * HistoryWriter.BATCH + 17; // several batches
      for (int i = 0; i < count; i++) {
        writer.add(record("alice", i, T0));
      }

      writer.flush(Duration.ofSeconds(10));

      List<HistoryRecord> all = store.history().recent("alice", count + 1);
      assertThat(all).hasSize(count);
      assertThat(all.getFirst().arguments()).isEqualTo("name=user" + (count - 1));
      assertThat(all.getLast().arguments()).isEqualTo("name=user0");
      assertThat(store.history().recent("old", 10)).as("purged at start").isEmpty();

      writer.add(record("bob", 1, T0));
      writer.close();
      writer.add(record("bob", 2, T0)); // after close: ignored
      assertThat(store.history().recent("bob", 10))
          .extracting(HistoryRecord::arguments)
          .containsExactly("name=user1");
    }
  }

  @Test
  void readersPauseWhileTooManyRecordsWaitAndResumeOnceTheyAreWritten() throws Exception {
    try (RegistryStore store = SqliteStore.open(data)) {
      HistoryWriter writer =
          new HistoryWriter(store.history(), Duration.ofDays(30), () -> T0, 10, 2);
      AtomicInteger resumed = new AtomicInteger();
      for (int i = 0; i < 9; i++) {
        writer.add(record("alice", i, T0));
      }
      assertThat(writer.pauseIfBacklogged(resumed::incrementAndGet)).as("9 waiting").isFalse();
      writer.add(record("alice", 9, T0));
      assertThat(writer.pauseIfBacklogged(resumed::incrementAndGet)).as("10 waiting").isTrue();
      assertThat(writer.pauseIfBacklogged(resumed::incrementAndGet)).as("a second reader").isTrue();
      assertThat(resumed).as("nothing written yet").hasValue(0);

      writer.start();

      await().untilAsserted(() -> assertThat(resumed).hasValue(2));
      assertThat(store.history().recent("alice", 20)).as("written before resuming").hasSize(10);
      assertThat(writer.pauseIfBacklogged(resumed::incrementAndGet)).isFalse();
      writer.close();
    }
  }
}
