package p2pchat.registry.client;

import java.util.List;
import p2pchat.protocol.message.PeerInfo;

/**
 * A successful login.
 *
 * @param sessionId the registry's id for this session
 * @param observedHost the address the registry sees this peer connect from
 * @param observedPort the port the registry sees this peer connect from
 * @param online everyone else online and visible at login
 */
public record LoginResult(
    long sessionId, String observedHost, int observedPort, List<PeerInfo> online) {
  public LoginResult {
    online = List.copyOf(online);
  }
}
