package p2pchat.registry;

import java.nio.file.Path;
import java.time.Duration;
import p2pchat.protocol.Limits;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.store.PasswordHasher;

/**
 * How a registry runs: where it listens, where it keeps its data, and its timing and limits. Made
 * with {@link #builder} (from the defaults) or {@link #toBuilder} (from another config).
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

  /** The defaults: all interfaces, port 7777, 30 s heartbeat timeout, 30 s to log in. */
  public static RegistryConfig defaults(Path dataDir) {
    return builder(dataDir).build();
  }

  /**
   * A builder starting from {@link #defaults}, for a registry keeping its data in {@code dataDir}.
   */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** A builder starting from this config, to change some of it. */
  public Builder toBuilder() {
    return new Builder(dataDir)
        .address(host, port)
        .udpPort(udpPort)
        .heartbeatTimeout(heartbeatTimeout)
        .loginTimeout(loginTimeout)
        .pageSize(pageSize)
        .throttle(throttle)
        .hasher(hasher)
        .handshakeTimeout(handshakeTimeout)
        .connections(connections)
        .rates(rates)
        .historyRetention(historyRetention);
  }

  /** A config being made: each setter sets the field of that name; {@link #build} checks them. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int udpPort = -1;
    private Path dataDir;
    private Duration heartbeatTimeout = Duration.ofSeconds(30);
    private Duration loginTimeout = Duration.ofSeconds(30);
    private int pageSize = Limits.MAX_PEERS_PER_PAGE;
    private LoginThrottle.Settings throttle = LoginThrottle.Settings.DEFAULTS;
    private PasswordHasher hasher = PasswordHasher.DEFAULT;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private ConnectionSlots.Settings connections = ConnectionSlots.Settings.DEFAULTS;
    private RateLimits.Settings rates = RateLimits.Settings.DEFAULTS;
    private Duration historyRetention = DEFAULT_HISTORY_RETENTION;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** Listens on {@code host}:{@code port}. */
    public Builder address(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    public Builder udpPort(int udpPort) {
      this.udpPort = udpPort;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder heartbeatTimeout(Duration heartbeatTimeout) {
      this.heartbeatTimeout = heartbeatTimeout;
      return this;
    }

    public Builder loginTimeout(Duration loginTimeout) {
      this.loginTimeout = loginTimeout;
      return this;
    }

    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    public Builder throttle(LoginThrottle.Settings throttle) {
      this.throttle = throttle;
      return this;
    }

    public Builder hasher(PasswordHasher hasher) {
      this.hasher = hasher;
      return this;
    }

    public Builder handshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = handshakeTimeout;
      return this;
    }

    public Builder connections(ConnectionSlots.Settings connections) {
      this.connections = connections;
      return this;
    }

    public Builder rates(RateLimits.Settings rates) {
      this.rates = rates;
      return this;
    }

    public Builder historyRetention(Duration historyRetention) {
      this.historyRetention = historyRetention;
      return this;
    }

    /** The config; throws IllegalArgumentException if a value is out of range. */
    public RegistryConfig build() {
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
  }
}
