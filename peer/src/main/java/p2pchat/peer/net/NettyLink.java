package p2pchat.peer.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;

/**
 * A link over a Netty channel: over mutual TLS, with the version exchange and introduction done.
 * Writes go through a {@link LinkWriter}, so a burst from any thread costs one flush.
 */
final class NettyLink implements PeerLink {
  private final Channel channel;
  private final String peerName;
  private final PeerId peerId;
  private final boolean inbound;
  private final LinkWriter writer;

  NettyLink(Channel channel, String peerName, PeerId peerId, boolean inbound) {
    this.channel = channel;
    this.writer = new LinkWriter(channel);
    this.peerName = peerName;
    this.peerId = peerId;
    this.inbound = inbound;
  }

  @Override
  public String peerName() {
    return peerName;
  }

  @Override
  public PeerId peerId() {
    return peerId;
  }

  @Override
  public boolean inbound() {
    return inbound;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void send(PeerMessage message) {
    writer.write(message, null);
  }

  @Override
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

  @Override
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
