package p2pchat.registry.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.registry.session.SessionHandle;

/** A session reached through its Netty channel: each message written and flushed at once. */
final class ChannelSession implements SessionHandle {
  private final Channel channel;

  ChannelSession(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(RegistryMessage message) {
    channel.writeAndFlush(message);
  }

  @Override
  public void end(SessionEnded ended) {
    channel.writeAndFlush(ended).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }
}
