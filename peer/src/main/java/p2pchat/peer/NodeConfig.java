package p2pchat.peer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import p2pchat.protocol.identity.PeerId;

/**
 * How a node runs.
 *
 * @param profileDir the profile folder (identity, pins, history)
 * @param registry where the registry listens (unused by a serverless node)
 * @param registryId the registry's PeerId if known up front; otherwise trust on first use
 * @param userName the account name
 * @param password the account password
 * @param register whether to create the account before logging in
 * @param listen the address for direct connections (port 0: a free one)
 * @param idleTimeout a direct connection idle this long is closed (and reopened when needed)
 * @param reconnectMax the longest wait between attempts to reach a lost registry
 */
public record NodeConfig(
    Path profileDir,
    InetSocketAddress registry,
    Optional<PeerId> registryId,
    String userName,
    String password,
    boolean register,
    InetSocketAddress listen,
    Duration idleTimeout,
    Duration reconnectMax) {
  public NodeConfig {
    Objects.requireNonNull(profileDir, "profileDir");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(registryId, "registryId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(listen, "listen");
  }

  /** Default idle timeout of a direct connection. */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

  /** Default longest wait between registry reconnection attempts. */
  public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(30);

  /** A config with the defaults: listen on all interfaces at a free port, 5 min idle timeout. */
  public static NodeConfig of(
      Path profileDir, InetSocketAddress registry, String userName, String password) {
    return new NodeConfig(
        profileDir,
        registry,
        Optional.empty(),
        userName,
        password,
        false,
        new InetSocketAddress("0.0.0.0", 0),
        DEFAULT_IDLE,
        DEFAULT_RECONNECT_MAX);
  }

  /** Stands for "no registry" in the config of a serverless node, which never dials one. */
  public static final InetSocketAddress NO_REGISTRY =
      InetSocketAddress.createUnresolved("no-registry.invalid", 0);

  /**
   * A config for a node without a registry (started with a friends table): no account, no password;
   * listening on all interfaces at the port the friends table gives this user.
   */
  public static NodeConfig serverless(Path profileDir, String userName) {
    return of(profileDir, NO_REGISTRY, userName, "");
  }

  /** This config registering the account first. */
  public NodeConfig registering() {
    return new NodeConfig(
        profileDir,
        registry,
        registryId,
        userName,
        password,
        true,
        listen,
        idleTimeout,
        reconnectMax);
  }

  /** This config listening on {@code address}. */
  public NodeConfig listening(InetSocketAddress address) {
    return new NodeConfig(
        profileDir,
        registry,
        registryId,
        userName,
        password,
        register,
        address,
        idleTimeout,
        reconnectMax);
  }

  /** This config with another idle timeout. */
  public NodeConfig withIdleTimeout(Duration timeout) {
    return new NodeConfig(
        profileDir,
        registry,
        registryId,
        userName,
        password,
        register,
        listen,
        timeout,
        reconnectMax);
  }

  /** This config with another longest reconnection wait. */
  public NodeConfig withReconnectMax(Duration max) {
    return new NodeConfig(
        profileDir, registry, registryId, userName, password, register, listen, idleTimeout, max);
  }

  /** This config pinning the registry's PeerId. */
  public NodeConfig withRegistryId(PeerId id) {
    return new NodeConfig(
        profileDir,
        registry,
        Optional.of(id),
        userName,
        password,
        register,
        listen,
        idleTimeout,
        reconnectMax);
  }

  @Override
  public String toString() {
    return "NodeConfig[" + userName + " at " + registry + ", profile " + profileDir + "]";
  }
}
