package p2pchat.peer.direct;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;

/**
 * A direct connection to another user whose identity has been checked: over mutual TLS, with the
 * version exchange and introduction done.
 */
public final class PeerLink {
  private final Channel channel;
  private final String peerName;
  private final PeerId peerId;
  private final boolean inbound;

  PeerLink(Channel channel, String peerName, PeerId peerId, boolean inbound) {
    this.channel = channel;
    this.peerName = peerName;
    this.peerId = peerId;
    this.inbound = inbound;
  }

  /** The other user's name, as the registry spells it. */
  public String peerName() {
    return peerName;
  }

  /** The other side's PeerId, checked. */
  public PeerId peerId() {
    return peerId;
  }

  /** Whether the other side dialed us. */
  public boolean inbound() {
    return inbound;
  }

  /** The other side's address. */
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  /** Whether the connection is open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /** Sends {@code message}; it is dropped if the connection has closed meanwhile. */
  public void send(PeerMessage message) {
    channel.writeAndFlush(message);
  }

  /**
   * Sends {@code message}; the result completes once it is written to the socket, or exceptionally
   * if it could not be (the connection closed), so that the caller can send it again elsewhere.
   */
  public CompletableFuture<Void> write(PeerMessage message) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    channel
        .writeAndFlush(message)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                written.complete(null);
              } else {
                written.completeExceptionally(f.cause());
              }
            });
    return written;
  }

  /** Closes the connection once what was sent before is written. */
  public void close() {
    channel
        .writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
  }

  @Override
  public String toString() {
    return (inbound ? "link from " : "link to ") + peerName + " " + channel.remoteAddress();
  }
}
