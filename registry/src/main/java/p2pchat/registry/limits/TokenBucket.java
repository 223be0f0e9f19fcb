package p2pchat.registry.limits;

/**
 * A token bucket: it holds up to {@code count} tokens, gains one every {@code period / count}, and
 * each event takes one. Kept as the time at which the bucket will be full again (the generic cell
 * rate algorithm), so that it needs no timer and no floating point. Times are nanoseconds from any
 * fixed origin, so that tests can drive it with a fake clock.
 */
public final class TokenBucket {
  private final long interval; // nanoseconds per token
  private final long burst; // how far ahead of now the full-again time may run
  private long fullAt;

  /** A full bucket for {@code rate} (which must limit something) at time {@code nowNanos}. */
  public TokenBucket(Rate rate, long nowNanos) {
    if (!rate.limited()) {
      throw new IllegalArgumentException("a token bucket needs a limited rate");
    }
    this.interval = Math.max(1, rate.period().toNanos() / rate.count());
    this.burst = interval * rate.count();
    this.fullAt = nowNanos;
  }

  /**
   * Takes a token at {@code nowNanos}: 0 if there was one; otherwise nothing is taken and the
   * answer is the nanoseconds until one will be there.
   */
  public synchronized long tryTake(long nowNanos) {
    long base = fullAt - nowNanos > 0 ? fullAt : nowNanos; // compared as nanoTime values must be
    long next = base + interval;
    long over = next - nowNanos - burst;
    if (over > 0) {
      return over;
    }
    fullAt = next;
    return 0;
  }

  /** Whether every token is back at {@code nowNanos}: a bucket in that state can be forgotten. */
  public synchronized boolean full(long nowNanos) {
    return fullAt - nowNanos <= 0;
  }
}
