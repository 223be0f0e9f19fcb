package p2pchat.registry.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client address and per account, for login attempts, registrations and requests.
 * Each check answers with nothing (go ahead) or the sentence a client over its limit is sent:
 * refused at once, never left waiting, and nobody else's bucket is touched.
 */
public final class RateLimits {
  /**
   * @param loginsPerAddress login attempts (chat and admin) from one address
   * @param loginsPerAccount login attempts for one account name, from anywhere (for chat logins:
   *     from devices not bound to the account)
   * @param registrationsPerAddress new accounts from one address
   * @param requestsPerAddress requests of any kind from one address
   * @param requestsPerAccount requests of any kind from one logged-in account
   */
  public record Settings(
      Rate loginsPerAddress,
      Rate loginsPerAccount,
      Rate registrationsPerAddress,
      Rate requestsPerAddress,
      Rate requestsPerAccount) {
    /** 30 logins a minute per address, 10 per account; 20 registrations an hour; requests. */
    public static final Settings DEFAULTS =
        new Settings(
            Rate.parse("30/1m"),
            Rate.parse("10/1m"),
            Rate.parse("20/1h"),
            Rate.parse("600/1m"),
            Rate.parse("300/1m"));

    /** No limits at all. */
    public static final Settings OFF =
        new Settings(Rate.OFF, Rate.OFF, Rate.OFF, Rate.OFF, Rate.OFF);
  }

  /** One kind of bucket: its rate and the buckets by key. */
  private static final class Buckets {
    final Rate rate;
    final String what;
    final Map<String, TokenBucket> byKey = new ConcurrentHashMap<>();

    Buckets(Rate rate, String what) {
      this.rate = rate;
      this.what = what;
    }
  }

  private final LongSupplier nanoClock;
  private final Buckets loginsByAddress;
  private final Buckets loginsByAccount;
  private final Buckets registrationsByAddress;
  private final Buckets requestsByAddress;
  private final Buckets requestsByAccount;

  /** Limits as {@code settings} say, on the clock {@code nanoClock} (e.g. System::nanoTime). */
  public RateLimits(Settings settings, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.loginsByAddress = new Buckets(settings.loginsPerAddress(), "login attempts from ");
    this.loginsByAccount = new Buckets(settings.loginsPerAccount(), "login attempts for ");
    this.registrationsByAddress =
        new Buckets(settings.registrationsPerAddress(), "registrations from ");
    this.requestsByAddress = new Buckets(settings.requestsPerAddress(), "requests from ");
    this.requestsByAccount = new Buckets(settings.requestsPerAccount(), "requests from ");
  }

  /** A login attempt of account {@code name} from {@code address}: both of the next two. */
  public Optional<String> login(String address, String name) {
    return loginFrom(address).or(() -> loginFor(name));
  }

  /** A login attempt, of any account, from {@code address}. */
  public Optional<String> loginFrom(String address) {
    return take(loginsByAddress, address, address);
  }

  /**
   * A login attempt of account {@code name} from anywhere. Chat logins take it only from devices
   * not bound to the account, so that guesses from elsewhere never hold back the owner's known
   * device.
   */
  public Optional<String> loginFor(String name) {
    return take(loginsByAccount, key(name), name);
  }

  /** A registration from {@code address}. */
  public Optional<String> registration(String address) {
    return take(registrationsByAddress, address, address);
  }

  /** A request from {@code address}, of logged-in account {@code name} if not null. */
  public Optional<String> request(String address, String name) {
    Optional<String> refusal = take(requestsByAddress, address, address);
    if (refusal.isPresent() || name == null) {
      return refusal;
    }
    return take(requestsByAccount, key(name), name);
  }

  /** Forgets buckets that are full again: their keys have been quiet long enough. */
  public void expire() {
    long now = nanoClock.getAsLong();
    for (Buckets b :
        new Buckets[] {
          loginsByAddress,
          loginsByAccount,
          registrationsByAddress,
          requestsByAddress,
          requestsByAccount
        }) {
      b.byKey.values().removeIf(bucket -> bucket.full(now));
    }
  }

  private Optional<String> take(Buckets buckets, String key, String shown) {
    if (!buckets.rate.limited()) {
      return Optional.empty();
    }
    long now = nanoClock.getAsLong();
    long wait =
        buckets.byKey.computeIfAbsent(key, k -> new TokenBucket(buckets.rate, now)).tryTake(now);
    if (wait == 0) {
      return Optional.empty();
    }
    long seconds = Math.max(1, (Duration.ofNanos(wait).toMillis() + 999) / 1000);
    return Optional.of(
        "slow down: too many "
            + buckets.what
            + shown
            + " (at most "
            + buckets.rate
            + "); try again in "
            + seconds
            + " s");
  }

  private static String key(String name) {
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
