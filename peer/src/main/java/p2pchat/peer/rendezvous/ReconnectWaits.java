package p2pchat.peer.rendezvous;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The waits between attempts to log in again: the first {@link #FIRST}, each next one twice the
 * last, up to the longest; each wait actually taken is shortened at random by up to half, so that
 * clients that lost the same registry do not all come back in step. Not thread-safe: one loop owns
 * it.
 */
final class ReconnectWaits {
  /** The wait before the first attempt. */
  static final Duration FIRST = Duration.ofMillis(250);

  private final Duration longest;
  private final DoubleSupplier random;
  private Duration next;

  /** Waits up to {@code longest}, drawing the jitter from {@code random} (in [0, 1)). */
  ReconnectWaits(Duration longest, DoubleSupplier random) {
    this.longest = longest.compareTo(FIRST) < 0 ? FIRST : longest;
    this.random = random;
    this.next = FIRST;
  }

  /** The wait to take now; the one after it doubles, up to the longest. */
  Duration next() {
    Duration base = next;
    Duration doubled = base.multipliedBy(2);
    next = doubled.compareTo(longest) > 0 ? longest : doubled;
    long millis = base.toMillis();
    return Duration.ofMillis(millis - (long) (millis / 2 * random.getAsDouble()));
  }

  /** From now on only the longest waits: trying again soon would not help. */
  void slow() {
    next = longest;
  }

  /** Starts again from the first wait. */
  void reset() {
    next = FIRST;
  }
}
