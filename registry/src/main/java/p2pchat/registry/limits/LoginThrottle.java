package p2pchat.registry.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing. Each account and each client address has a failure count; past a
 * few free failures, every further failure locks that key out for a delay that doubles each time
 * (capped). A login attempt during a lockout is refused at once with the time left, without
 * checking the password. A successful login clears its account's count.
 */
public final class LoginThrottle {
  /**
   * @param freeAccountFailures failures of one account before lockouts start
   * @param freeAddressFailures failures from one address before lockouts start
   * @param baseDelay the first lockout
   * @param maxDelay the longest lockout
   */
  public record Settings(
      int freeAccountFailures, int freeAddressFailures, Duration baseDelay, Duration maxDelay) {
    /** 3 free failures per account, 10 per address, then 1 s doubling up to 5 min. */
    public static final Settings DEFAULTS =
        new Settings(3, 10, Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  private record Failures(int count, long lockedUntilNanos, long lastNanos) {}

  private final Settings settings;
  private final LongSupplier nanoClock;
  private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

  /** A throttle with {@code settings}, timed by {@code nanoClock}. */
  public LoginThrottle(Settings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
  }

  /** How long logins for this account or from this address are still locked out, if they are. */
  public Optional<Duration> lockout(String accountKey, String address) {
    long now = nanoClock.getAsLong();
    long left =
        Math.max(remaining(accounts.get(accountKey), now), remaining(addresses.get(address), now));
    return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
  }

  /** Records a failed login (unknown account or wrong password). */
  public void failed(String accountKey, String address) {
    long now = nanoClock.getAsLong();
    accounts.compute(accountKey, (k, f) -> next(f, settings.freeAccountFailures(), now));
    addresses.compute(address, (k, f) -> next(f, settings.freeAddressFailures(), now));
  }

  /** Records a successful login: the account starts again with no failures. */
  public void succeeded(String accountKey) {
    accounts.remove(accountKey);
  }

  /** Forgets keys whose last failure is older than twice the longest lockout. */
  public void expire() {
    long horizon = nanoClock.getAsLong() - 2 * settings.maxDelay().toNanos();
    accounts.values().removeIf(f -> f.lastNanos() < horizon);
    addresses.values().removeIf(f -> f.lastNanos() < horizon);
  }

  private Failures next(Failures previous, int free, long now) {
    int count = previous == null ? 1 : previous.count() + 1;
    long lockedUntil = previous == null ? 0 : previous.lockedUntilNanos();
    if (count > free) {
      int doublings = Math.min(count - free - 1, 30);
      long delay =
          Math.min(settings.baseDelay().toNanos() << doublings, settings.maxDelay().toNanos());
      if (delay <= 0) {
        delay = settings.maxDelay().toNanos();
      }
      lockedUntil = now + delay;
    }
    return new Failures(count, lockedUntil, now);
  }

  private static long remaining(Failures f, long now) {
    return f == null ? 0 : f.lockedUntilNanos() - now;
  }
}
