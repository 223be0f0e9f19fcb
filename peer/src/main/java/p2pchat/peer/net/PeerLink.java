package p2pchat.peer.net;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;

/**
 * A connection to another user whose identity has been checked (PeerId pinned or vouched for, the
 * version exchange and introduction done), however it is carried. Any thread may use it.
 */
public interface PeerLink {
  /** The other user's name, as the registry spells it. */
  String peerName();

  /** The other side's PeerId, checked. */
  PeerId peerId();

  /** Whether the other side dialed us. */
  boolean inbound();

  /** The other side's address; null when the link has none (not a network connection). */
  InetSocketAddress remoteAddress();

  /** Whether the connection is open. */
  boolean isOpen();

  /**
   * Sends {@code message} from any thread, after those sent before it; it is dropped if the
   * connection has closed meanwhile.
   */
  void send(PeerMessage message);

  /**
   * Sends {@code message}; the result completes once it is written to the socket, or exceptionally
   * if it could not be (the connection closed), so that the caller can send it again elsewhere.
   */
  CompletableFuture<Void> write(PeerMessage message);

  /** Closes the connection once what was sent before is written. */
  void close();
}
