package p2pchat.it;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * A TLS server on a registry's port presenting a key of its own (an impostor, or a registry whose
 * key was replaced), noting when each connection came.
 */
final class ImpostorRegistry implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel server;
  private final PeerId peerId;
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();

  private ImpostorRegistry(int port) throws Exception {
    Identity identity = Identity.generate("impostor");
    this.peerId = identity.peerId();
    SslContext tls = TlsContexts.server(identity, PeerIdPolicy.any());
    this.group = Transports.group(1, "impostor");
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    arrivals.add(System.nanoTime());
                    ch.pipeline()
                        .addLast(tls.newHandler(ch.alloc()))
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
                                ctx.close(); // the client refused the key: what this is for
                              }
                            });
                  }
                })
            .bind("127.0.0.1", port)
            .sync()
            .channel();
  }

  /** Listens on 127.0.0.1:{@code port} (a port a registry just let go). */
  static ImpostorRegistry open(int port) throws Exception {
    return new ImpostorRegistry(port);
  }

  /** The key it presents. */
  PeerId peerId() {
    return peerId;
  }

  /** When each connection came ({@link System#nanoTime}), in order. */
  List<Long> arrivals() {
    return List.copyOf(arrivals);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
