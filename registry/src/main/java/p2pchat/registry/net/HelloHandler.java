package p2pchat.registry.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.registry.session.Directory;

/**
 * Receives UDP hellos. A datagram that is not a well-formed, correctly authenticated, fresh hello
 * of a live session changes nothing; it is only counted at debug level.
 */
@Sharable
final class HelloHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger LOG = LoggerFactory.getLogger(HelloHandler.class);

  private final Directory directory;

  HelloHandler(Directory directory) {
    this.directory = directory;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    int size = packet.content().readableBytes();
    if (size != HelloDatagram.BYTES) {
      LOG.debug("ignored a {}-byte datagram from {}", size, packet.sender());
      return;
    }
    byte[] datagram = new byte[size];
    packet.content().readBytes(datagram);
    if (!directory.acceptHello(datagram)) {
      LOG.debug("ignored a forged, replayed or stale hello from {}", packet.sender());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A UDP socket has no connection to close; keep serving.
    LOG.debug("UDP error: {}", cause.toString());
  }
}
