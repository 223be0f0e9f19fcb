package p2pchat.bench.report;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A latency histogram safe to record into from many threads at once, with fixed memory: values up
 * to 63 are exact, larger ones fall into log-linear buckets 1/64 of a power of two wide (at most
 * 1.6% apart). Percentiles report a bucket's midpoint; the maximum is exact.
 */
public final class Histogram {
  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS;
  private static final int BUCKETS = (64 - SUB_BITS) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong sum = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Records one value (nanoseconds, or any non-negative quantity); negative counts as 0. */
  public void record(long value) {
    long v = Math.max(0, value);
    counts.incrementAndGet(index(v));
    count.incrementAndGet();
    sum.addAndGet(v);
    max.accumulateAndGet(v, Math::max);
  }

  /** How many values were recorded. */
  public long count() {
    return count.get();
  }

  /** The largest value recorded, exactly; 0 when empty. */
  public long max() {
    return max.get();
  }

  /** The mean of the values recorded; 0 when empty. */
  public double mean() {
    long n = count.get();
    return n == 0 ? 0 : (double) sum.get() / n;
  }

  /** The value below which {@code p} percent of the recorded values fall; 0 when empty. */
  public long percentile(double p) {
    long n = count.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(max.get(), midpoint(i));
      }
    }
    return max.get();
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
    return (exponent - SUB_BITS + 1) * SUB + sub;
  }

  static long midpoint(int index) {
    if (index < SUB) {
      return index;
    }
    int exponent = index / SUB + SUB_BITS - 1;
    long width = 1L << (exponent - SUB_BITS);
    long lower = (SUB + (index % SUB)) * width;
    return lower + width / 2;
  }
}
