package p2pchat.peer.net;

import io.netty.channel.ChannelHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;

/** What the direct-connection layer asks of and tells the node. Called on network threads. */
public interface LinkListener {
  /**
   * Decides whether a dialer presenting {@code peerId} may be {@code claimedName}: completes
   * normally to accept, exceptionally (with a sentence) to refuse.
   */
  CompletableFuture<Void> verify(String claimedName, PeerId peerId, String remote);

  /** A verified link is up (inbound or outbound). */
  void linkUp(PeerLink link);

  /** A chat message arrived on a link. */
  void received(PeerLink link, PeerMessage message);

  /** A link closed (idle, closed by either side, or broken). */
  void linkDown(PeerLink link);

  /** An inbound connection was refused; {@code text} says who and why. */
  void refused(String text);

  /**
   * The handler that takes over an inbound connection that opens as a file transfer instead of a
   * chat link; empty when this node serves no files (the connection is then refused).
   */
  default Optional<ChannelHandler> fileConnection() {
    return Optional.empty();
  }
}
