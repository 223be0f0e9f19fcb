package p2pchat.peer.transfer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdMismatchException;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * The network of file transfers: its own event loops (so that file data never delays chat links on
 * the asking side), dialing sources with their PeerId pinned, and (for a node without a chat
 * listener, and for tests) a listener of its own. Each pipeline reads as the stack: TLS, frame
 * decoder, frame encoder, idle timer, transfer handler.
 */
public final class TransferNetwork implements AutoCloseable {
  private final Identity identity;
  private final String myName;
  private final TransferSettings settings;
  private final EventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  private TransferNetwork(
      Identity identity, String myName, TransferSettings settings, EventLoopGroup group) {
    this.identity = identity;
    this.myName = myName;
    this.settings = settings;
    this.group = group;
  }

  /** A network for the user {@code myName} presenting {@code identity}. */
  public static TransferNetwork start(Identity identity, String myName, TransferSettings settings) {
    return new TransferNetwork(identity, myName, settings, Transports.group(2, "transfer"));
  }

  /** The settings transfers run with. */
  public TransferSettings settings() {
    return settings;
  }

  /** Listens on {@code address} for file-transfer connections, answered by {@code server}. */
  public InetSocketAddress listen(InetSocketAddress address, FileServer server)
      throws SSLException {
    SslContext tls = TlsContexts.server(identity, PeerIdPolicy.any());
    Channel listener =
        new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannel())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    SslHandler ssl = tls.newHandler(ch.alloc());
                    ssl.setHandshakeTimeoutMillis(10_000);
                    ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast("frames", new FrameDecoder())
                        .addLast("encoder", FrameEncoder.INSTANCE)
                        .addLast("idle", new IdleStateHandler(0, 0, 5, TimeUnit.MINUTES))
                        .addLast("files", server.fullHandler());
                  }
                })
            .bind(address)
            .syncUninterruptibly()
            .channel();
    channels.add(listener);
    return (InetSocketAddress) listener.localAddress();
  }

  /**
   * Dials {@code source} (requiring its PeerId) and opens a file-transfer connection; completes
   * once the source accepted, or exceptionally with a {@link TransferException} saying why not.
   */
  CompletableFuture<SourceConnection> dial(Source source, SourceConnection.Receiver receiver) {
    SslContext tls;
    try {
      tls = TlsContexts.client(identity, PeerIdPolicy.pinned(source.peerId()));
    } catch (SSLException e) {
      return CompletableFuture.failedFuture(e);
    }
    SourceHandler handler = new SourceHandler(myName, source, receiver);
    InetSocketAddress address = source.address();
    Duration stall = settings.stallTimeout();
    new Bootstrap()
        .group(group)
        .channel(Transports.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                SslHandler ssl =
                    tls.newHandler(ch.alloc(), address.getHostString(), address.getPort());
                ssl.setHandshakeTimeoutMillis(10_000);
                ch.pipeline()
                    .addLast("tls", ssl)
                    .addLast("frames", new FrameDecoder())
                    .addLast("encoder", FrameEncoder.INSTANCE)
                    .addLast(
                        "idle", new IdleStateHandler(stall.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                    .addLast("files", handler);
              }
            })
        .connect(address)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                handler.opened.completeExceptionally(
                    new TransferException(
                        "cannot reach "
                            + source
                            + ": "
                            + (f.cause() == null ? "?" : f.cause().getMessage())));
              }
            });
    return handler.opened.handle(
        (connection, error) -> {
          if (error == null) {
            return connection;
          }
          throw new java.util.concurrent.CompletionException(explain(source, error));
        });
  }

  private static TransferException explain(Source source, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PeerIdMismatchException mismatch) {
        return new TransferException(
            "the peer at "
                + source.address().getHostString()
                + ":"
                + source.address().getPort()
                + " is not "
                + source.name()
                + ": it presented PeerId "
                + mismatch.presented()
                + "; refused");
      }
      if (t instanceof TransferException e) {
        return e;
      }
    }
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new TransferException("cannot reach " + source + ": " + root.getMessage());
  }

  /** Closes every connection and listener, and stops. */
  @Override
  public void close() {
    channels.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
