package p2pchat.peer.transfer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * A bare TLS client that sends whatever a test tells it and records what comes back: for requests
 * no well-behaved client would make.
 */
public final class RawClient implements AutoCloseable {
  public final List<Message> received = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group = Transports.group(1, "raw-client");
  private final Channel channel;

  public RawClient(Identity identity, InetSocketAddress address) throws Exception {
    var tls = TlsContexts.client(identity, PeerIdPolicy.any());
    channel =
        new Bootstrap()
            .group(group)
            .channel(Transports.socketChannel())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(tls.newHandler(ch.alloc()))
                        .addLast(new FrameDecoder())
                        .addLast(FrameEncoder.INSTANCE)
                        .addLast(
                            new SimpleChannelInboundHandler<Message>() {
                              @Override
                              protected void channelRead0(ChannelHandlerContext ctx, Message m) {
                                received.add(m);
                              }
                            });
                  }
                })
            .connect(address)
            .sync()
            .channel();
  }

  public void send(Message message) {
    channel.writeAndFlush(message);
  }

  /** The negotiated TLS version and cipher suite, once the handshake is done. */
  public String tlsSession() throws Exception {
    var ssl = channel.pipeline().get(io.netty.handler.ssl.SslHandler.class);
    ssl.handshakeFuture().sync();
    var session = ssl.engine().getSession();
    return session.getProtocol() + " " + session.getCipherSuite();
  }

  /** Stops reading from the socket (what is sent to this client piles up at the other end). */
  public void stopReading() {
    channel.config().setAutoRead(false);
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
