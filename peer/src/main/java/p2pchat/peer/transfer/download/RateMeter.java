package p2pchat.peer.transfer.download;

import java.util.ArrayDeque;

/** Bytes per second over the last few seconds, from a running total sampled as it grows. */
final class RateMeter {
  private static final long WINDOW_NANOS = 5_000_000_000L;

  private record Sample(long nanos, long total) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  /** Notes that the total reached {@code total} now. */
  synchronized void record(long total) {
    long now = System.nanoTime();
    samples.addLast(new Sample(now, total));
    while (samples.size() > 2 && now - samples.peekFirst().nanos() > WINDOW_NANOS) {
      samples.pollFirst();
    }
  }

  /** The recent rate, in bytes per second; 0 before there are two samples. */
  synchronized double bytesPerSecond() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long elapsed = Math.max(System.nanoTime() - first.nanos(), 1);
    if (System.nanoTime() - last.nanos() > WINDOW_NANOS) {
      return 0; // nothing for a while: stalled
    }
    return (last.total() - first.total()) * 1e9 / elapsed;
  }

  /** Forgets the samples (a pause: the rate starts again from the next sample). */
  synchronized void reset() {
    samples.clear();
  }
}
