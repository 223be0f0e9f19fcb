package p2pchat.bench.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.store.PasswordHasher;

/**
 * How the benchmarks configure a registry and its accounts: one place, so that when the registry
 * grows new limits the load is still allowed through.
 */
public final class BenchRegistries {
  /** The password of every bench account. */
  public static final String PASSWORD = "bench-password";

  /**
   * The Argon2id cost of bench accounts' stored hashes: 8 KiB, 1 iteration, 1 lane, the least
   * Argon2 allows. Logins verify at the cost stored in the hash, so with this a login measures the
   * registry, not the password hash: at the default cost (19 MiB, 2 iterations) one verification
   * takes tens of milliseconds of one core, and 100,000 logins would take about an hour.
   */
  public static final PasswordHasher CHEAP_HASHER = new PasswordHasher(8, 1, 1);

  private BenchRegistries() {}

  /** The name of bench account {@code i}. */
  public static String accountName(int i) {
    return String.format(Locale.ROOT, "u%06d", i);
  }

  /**
   * A registry on 127.0.0.1 (a free port) keeping its data in {@code dataDir}, with the given
   * heartbeat and login timeouts, and the limits that would refuse a load generator lifted: no cap
   * on connections per address (the load comes from a few 127.0.0.x addresses) nor on connections
   * not logged in altogether (a login storm opens them all at once), no rate limits, a handshake
   * timeout as long as the login timeout, and the cheap password hasher. Everything else, the
   * request history included, stays as a real registry runs it.
   */
  public static RegistryConfig config(
      Path dataDir, Duration heartbeatTimeout, Duration loginTimeout) {
    return RegistryConfig.builder(dataDir)
        .address("127.0.0.1", 0)
        .heartbeatTimeout(heartbeatTimeout)
        .loginTimeout(loginTimeout)
        .handshakeTimeout(loginTimeout)
        .connections(
            new ConnectionSlots.Settings(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE))
        .rates(RateLimits.Settings.OFF)
        .hasher(CHEAP_HASHER)
        .build();
  }
}
