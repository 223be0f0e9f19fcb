package p2pchat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void smallValuesAreExact() {
    Histogram h = new Histogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentile(50)).isEqualTo(50);
    assertThat(h.percentile(99)).isEqualTo(99);
    assertThat(h.percentile(100)).isEqualTo(100);
    assertThat(h.max()).isEqualTo(100);
    assertThat(h.mean()).isCloseTo(50.5, within(1e-9));
  }

  @Test
  void largeValuesAreWithinTheBucketPrecision() {
    Histogram h = new Histogram();
    for (long v = 1_000; v <= 1_000_000_000L; v *= 3) {
      h.record(v);
      long back = Histogram.midpoint(Histogram.index(v));
      assertThat((double) Math.abs(back - v) / v).isLessThan(1.0 / 64);
    }
  }

  @Test
  void bucketsCoverTheWholeRange() {
    assertThat(Histogram.index(Long.MAX_VALUE)).isLessThan((64 - 6) * 64);
    assertThat(Histogram.index(63)).isEqualTo(63);
    assertThat(Histogram.index(64)).isEqualTo(64);
    assertThat(Histogram.index(127)).isEqualTo(127);
  }

  @Test
  void emptyIsZero() {
    Histogram h = new Histogram();
    assertThat(h.percentile(99)).isZero();
    assertThat(h.max()).isZero();
    assertThat(h.mean()).isZero();
  }

  @Test
  void negativeCountsAsZero() {
    Histogram h = new Histogram();
    h.record(-5);
    assertThat(h.max()).isZero();
    assertThat(h.percentile(50)).isZero();
  }
}
