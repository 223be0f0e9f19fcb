package p2pchat.peer.transfer;

import java.net.InetSocketAddress;
import java.util.Objects;
import p2pchat.protocol.identity.PeerId;

/**
 * A user who shares a file, where to dial them and the PeerId to require there.
 *
 * @param name the user
 * @param address where they listen
 * @param peerId what their TLS certificate must be
 * @param path the path they publish the file under (empty: ask by hash only)
 */
public record Source(String name, InetSocketAddress address, PeerId peerId, String path) {
  public Source {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(path, "path");
  }

  @Override
  public String toString() {
    return name + "@" + address.getHostString() + ":" + address.getPort();
  }
}
