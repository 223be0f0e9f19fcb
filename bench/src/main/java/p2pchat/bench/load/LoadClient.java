package p2pchat.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.net.VersionHandshake;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * Opens many registry connections on a few event-loop threads, all presenting one identity and
 * pinning the registry's PeerId, each with the same stack as a real client: TLS, frame decoder,
 * frame encoder, then a {@link LoadSession}.
 */
public final class LoadClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final SslContext tls;
  private final InetSocketAddress registry;
  private final LoadStats stats = new LoadStats();

  /** A client of the registry at {@code registry} (which must present {@code registryId}). */
  public LoadClient(int threads, Identity identity, InetSocketAddress registry, PeerId registryId)
      throws SSLException {
    this.group = Transports.group(threads, "load");
    this.tls = TlsContexts.client(identity, PeerIdPolicy.pinned(registryId));
    this.registry = registry;
  }

  /** The counters of every session this client opened. */
  public LoadStats stats() {
    return stats;
  }

  /**
   * Connects from {@code source} (port chosen by the kernel); completes once TLS and the version
   * exchange are done.
   */
  public CompletableFuture<LoadSession> connect(
      int index, InetAddress source, LoadSession.PresenceListener presence) {
    LoadSession session = new LoadSession(index, stats, presence);
    ChannelFuture connected =
        new Bootstrap()
            .group(group)
            .channel(Transports.socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    SslHandler ssl =
                        tls.newHandler(ch.alloc(), registry.getHostString(), registry.getPort());
                    ssl.setHandshakeTimeoutMillis(60_000);
                    ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast("frames", new FrameDecoder())
                        .addLast("encoder", FrameEncoder.INSTANCE)
                        .addLast("version", VersionHandshake.client("p2pchat-bench"))
                        .addLast("load", session);
                  }
                })
            .connect(registry, new InetSocketAddress(source, 0));
    connected.addListener(
        f -> {
          if (!f.isSuccess()) {
            session.ready.completeExceptionally(f.cause());
          }
        });
    return session.ready;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
