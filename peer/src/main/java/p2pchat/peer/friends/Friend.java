package p2pchat.peer.friends;

import java.net.InetSocketAddress;
import java.util.Optional;
import p2pchat.protocol.identity.PeerId;

/**
 * One line of a friends table: a user, where it listens, and the PeerId it must present if known
 * (else it is pinned on first contact).
 */
public record Friend(String name, String host, int port, Optional<PeerId> peerId) {
  /** Where to dial this friend (resolved when dialed, so that a name can follow DNS changes). */
  public InetSocketAddress address() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  /** {@code host:port}, with brackets around an IPv6 address. */
  public String hostPort() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
