package p2pchat.registry;

import java.nio.file.Path;
import java.time.Duration;
import p2pchat.protocol.Limits;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.store.PasswordHasher;

/**
 * How a registry runs: where it listens, where it keeps its data, and its timing and limits.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port TCP port for TLS connections; 0 picks a free one
 * @param udpPort UDP port for hellos; -1 means the same number as the TCP port (a free one if that
 *     is taken)
 * @param dataDir folder holding the database and the registry's identity
 * @param heartbeatTimeout a session not heard from for this long is removed
 * @param loginTimeout a connection not logged in this long after it opened is closed
 * @param pageSize peers per page of the online list
 * @param throttle the slowdown of repeated failed logins
 * @param hasher the password hashing cost
 * @param handshakeTimeout a connection that has not completed TLS this long after it opened is
 *     closed
 * @param connections the caps on connections per client address
 * @param rates the token buckets for logins, registrations and requests
 * @param historyRetention how long the request history keeps a record
 */
public record RegistryConfig(
    String host,
    int port,
    int udpPort,
    Path dataDir,
    Duration heartbeatTimeout,
    Duration loginTimeout,
    int pageSize,
    LoginThrottle.Settings throttle,
    PasswordHasher hasher,
    Duration handshakeTimeout,
    ConnectionSlots.Settings connections,
    RateLimits.Settings rates,
    Duration historyRetention) {

  /** Default TCP (and UDP) port. */
  public static final int DEFAULT_PORT = 7777;

  /** Default time to complete the TLS handshake. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** Default time the request history keeps a record. */
  public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);

  public RegistryConfig {
    if (pageSize < 1 || pageSize > Limits.MAX_PEERS_PER_PAGE) {
      throw new IllegalArgumentException("pageSize must be 1.." + Limits.MAX_PEERS_PER_PAGE);
    }
    if (heartbeatTimeout.toMillis() < 100) {
      throw new IllegalArgumentException("heartbeatTimeout must be at least 100 ms");
    }
    if (handshakeTimeout.toMillis() < 1 || loginTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("handshake and login timeouts must be positive");
    }
    if (historyRetention.toMillis() < 1) {
      throw new IllegalArgumentException("historyRetention must be positive");
    }
  }

  /** A config with the default handshake timeout, connection caps, rates and retention. */
  public RegistryConfig(
      String host,
      int port,
      int udpPort,
      Path dataDir,
      Duration heartbeatTimeout,
      Duration loginTimeout,
      int pageSize,
      LoginThrottle.Settings throttle,
      PasswordHasher hasher) {
    this(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        DEFAULT_HANDSHAKE_TIMEOUT,
        ConnectionSlots.Settings.DEFAULTS,
        RateLimits.Settings.DEFAULTS,
        DEFAULT_HISTORY_RETENTION);
  }

  /** The defaults: all interfaces, port 7777, 30 s heartbeat timeout, 30 s to log in. */
  public static RegistryConfig defaults(Path dataDir) {
    return new RegistryConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        -1,
        dataDir,
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Limits.MAX_PEERS_PER_PAGE,
        LoginThrottle.Settings.DEFAULTS,
        PasswordHasher.DEFAULT);
  }

  /** This config listening on {@code host}:{@code port}. */
  public RegistryConfig withAddress(String host, int port) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        handshakeTimeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with another heartbeat timeout. */
  public RegistryConfig withHeartbeatTimeout(Duration timeout) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        timeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        handshakeTimeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with another login timeout. */
  public RegistryConfig withLoginTimeout(Duration timeout) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        timeout,
        pageSize,
        throttle,
        hasher,
        handshakeTimeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with another online-list page size. */
  public RegistryConfig withPageSize(int size) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        size,
        throttle,
        hasher,
        handshakeTimeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with other login throttle settings. */
  public RegistryConfig withThrottle(LoginThrottle.Settings settings) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        settings,
        hasher,
        handshakeTimeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with another password hashing cost. */
  public RegistryConfig withHasher(PasswordHasher cost) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        cost,
        handshakeTimeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with another TLS handshake timeout. */
  public RegistryConfig withHandshakeTimeout(Duration timeout) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        timeout,
        connections,
        rates,
        historyRetention);
  }

  /** This config with other caps on connections per address. */
  public RegistryConfig withConnections(ConnectionSlots.Settings caps) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        handshakeTimeout,
        caps,
        rates,
        historyRetention);
  }

  /** This config with other rate limits. */
  public RegistryConfig withRates(RateLimits.Settings limits) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        handshakeTimeout,
        connections,
        limits,
        historyRetention);
  }

  /** This config with another history retention. */
  public RegistryConfig withHistoryRetention(Duration retention) {
    return new RegistryConfig(
        host,
        port,
        udpPort,
        dataDir,
        heartbeatTimeout,
        loginTimeout,
        pageSize,
        throttle,
        hasher,
        handshakeTimeout,
        connections,
        rates,
        retention);
  }
}
