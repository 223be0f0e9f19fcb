package p2pchat.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Dropped history records are reported at most once per {@link DroppedRecords#REPORT_INTERVAL},
 * each report with the count since the one before, and none is lost.
 */
class DroppedRecordsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aBurstOfBatchesWithDropsGivesOneReportPerIntervalAndCountsEveryRecord() {
    AtomicReference<Instant> clock = new AtomicReference<>(T0);
    DroppedRecords dropped = new DroppedRecords(clock::get);
    List<Long> reports = new ArrayList<>();
    int warnings = 0;

    // 10 s of overload: a batch every 10 ms, and 3 records dropped before each.
    for (int batch = 0; batch < 1000; batch++) {
      clock.set(T0.plusMillis(10L * batch));
      for (int i = 0; i < 3; i++) {
        if (dropped.drop()) {
          warnings++;
        }
      }
      long lost = dropped.takeReport();
      if (lost > 0) {
        reports.add(lost);
      }
    }
    assertThat(dropped.untilReport()).isEqualTo(Duration.ofMillis(10));
    clock.set(T0.plus(Duration.ofSeconds(10)));
    assertThat(dropped.untilReport()).isEqualTo(Duration.ZERO);
    reports.add(dropped.takeReport());

    assertThat(reports).as("at 0 s, 5 s and 10 s").containsExactly(3L, 1500L, 1497L);
    assertThat(warnings).as("the first drop after each report").isEqualTo(3);
    assertThat(dropped.takeReport()).as("nothing dropped since").isZero();
    assertThat(dropped.untilReport()).isNull();
  }

  @Test
  void nothingDroppedNothingReported() {
    DroppedRecords dropped = new DroppedRecords(() -> T0);

    assertThat(dropped.takeReport()).isZero();
    assertThat(dropped.untilReport()).isNull();
  }
}
