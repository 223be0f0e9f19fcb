package p2pchat.peer.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How a peer is reached: every route ends in the same verified link (TLS 1.3 with the PeerId
 * checked, then the version exchange), whatever carries it. Only direct TCP today; punched and
 * relayed routes come later.
 */
public sealed interface Route {
  /** Where the route leads, for sentences: "host:port". */
  String where();

  /** A TCP connection straight to {@code address}. */
  record Direct(InetSocketAddress address) implements Route {
    public Direct {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public String where() {
      return address.getHostString() + ":" + address.getPort();
    }
  }
}
