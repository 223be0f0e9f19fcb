package p2pchat.registry.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing. Failures are counted per account and client address, per address,
 * and per account from anywhere; past a few free failures, every further failure locks that key out
 * for a delay that doubles each time (capped). A login attempt during a lockout is refused at once
 * with the time left, without checking the password.
 *
 * <p>The account-wide count is what holds back a guesser spread over many addresses, but it would
 * let that guesser lock the owner out too. So it counts only failures from devices not bound to the
 * account, and only holds back such devices: a device the account already knows (its PeerId) is
 * slowed by the failures made from its own address alone. A right password clears its (account,
 * address) count, and from a new device the account-wide count as well.
 */
public final class LoginThrottle {
  /**
   * @param freeAccountFailures failures of one account, from one address or (from unbound devices)
   *     from anywhere, before lockouts start
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

  /** An account as tried from one address. */
  private record Pair(String accountKey, String address) {}

  private final Settings settings;
  private final LongSupplier nanoClock;
  private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
  private final Map<Pair, Failures> pairs = new ConcurrentHashMap<>();
  private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

  /** A throttle with {@code settings}, timed by {@code nanoClock}. */
  public LoginThrottle(Settings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
  }

  /**
   * How long logins for this account from this address, or from this address at all, are still
   * locked out, if they are: what holds back every device, bound or not.
   */
  public Optional<Duration> lockout(String accountKey, String address) {
    long now = nanoClock.getAsLong();
    return left(
        Math.max(
            remaining(pairs.get(new Pair(accountKey, address)), now),
            remaining(addresses.get(address), now)));
  }

  /** How long logins for this account from devices not bound to it are still locked out. */
  public Optional<Duration> accountLockout(String accountKey) {
    return left(remaining(accounts.get(accountKey), nanoClock.getAsLong()));
  }

  /**
   * Records a failed login (unknown account or wrong password); {@code boundDevice} if the device
   * that failed is bound to the account, which then keeps its failures off the account-wide count.
   */
  public void failed(String accountKey, String address, boolean boundDevice) {
    long now = nanoClock.getAsLong();
    pairs.compute(
        new Pair(accountKey, address), (k, f) -> next(f, settings.freeAccountFailures(), now));
    addresses.compute(address, (k, f) -> next(f, settings.freeAddressFailures(), now));
    if (!boundDevice) {
      accounts.compute(accountKey, (k, f) -> next(f, settings.freeAccountFailures(), now));
    }
  }

  /**
   * Records a successful login: the account starts again with no failures from this address, and
   * with none from anywhere if the device was not bound to it (a known device's login says nothing
   * about the guesses made elsewhere).
   */
  public void succeeded(String accountKey, String address, boolean boundDevice) {
    pairs.remove(new Pair(accountKey, address));
    if (!boundDevice) {
      accounts.remove(accountKey);
    }
  }

  /** Forgets keys whose last failure is older than twice the longest lockout. */
  public void expire() {
    long horizon = nanoClock.getAsLong() - 2 * settings.maxDelay().toNanos();
    accounts.values().removeIf(f -> f.lastNanos() < horizon);
    pairs.values().removeIf(f -> f.lastNanos() < horizon);
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

  private static Optional<Duration> left(long nanos) {
    return nanos > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
  }

  private static long remaining(Failures f, long now) {
    return f == null ? 0 : f.lockedUntilNanos() - now;
  }
}
