package p2pchat.peer.direct;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
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
  private final LinkWriter writer;

  PeerLink(Channel channel, String peerName, PeerId peerId, boolean inbound) {
    this.channel = channel;
    this.writer = new LinkWriter(channel);
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

  /**
   * Sends {@code message} from any thread, after those sent before it; it is dropped if the
   * connection has closed meanwhile.
   */
  public void send(PeerMessage message) {
    writer.write(message, null);
  }

  /**
   * Sends {@code message}; the result completes once it is written to the socket, or exceptionally
   * if it could not be (the connection closed), so that the caller can send it again elsewhere.
   */
  public CompletableFuture<Void> write(PeerMessage message) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    ChannelPromise promise = channel.newPromise();
    promise.addListener(
        f -> {
          if (f.isSuccess()) {
            written.complete(null);
          } else {
            written.completeExceptionally(f.cause());
          }
        });
    writer.write(message, promise);
    return written;
  }

  /** Closes the connection once what was sent before is written. */
  public void close() {
    ChannelPromise flushed = channel.newPromise();
    flushed.addListener(ChannelFutureListener.CLOSE);
    writer.write(Unpooled.EMPTY_BUFFER, flushed);
  }

  /** The connection, for tests of its options. */
  Channel channel() {
    return channel;
  }

  @Override
  public String toString() {
    return (inbound ? "link from " : "link to ") + peerName + " " + channel.remoteAddress();
  }
}
