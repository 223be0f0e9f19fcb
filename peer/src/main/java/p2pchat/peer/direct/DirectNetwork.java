package p2pchat.peer.direct;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdMismatchException;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * The node's direct connections: a TLS listener for peers dialing in, and dialing out to a peer at
 * the address and with the PeerId the registry gave. Each pipeline reads as the stack: TLS, frame
 * decoder, frame encoder, idle timer, link handler.
 */
public final class DirectNetwork implements AutoCloseable {
  private final Identity identity;
  private final String myName;
  private final Duration idleTimeout;
  private final LinkListener listener;
  private final EventLoopGroup group;
  private final Channel server;

  private DirectNetwork(
      Identity identity,
      String myName,
      Duration idleTimeout,
      LinkListener listener,
      EventLoopGroup group,
      Channel server) {
    this.identity = identity;
    this.myName = myName;
    this.idleTimeout = idleTimeout;
    this.listener = listener;
    this.group = group;
    this.server = server;
  }

  /** Listens on {@code listen} for peers; inbound dialers are checked by {@code listener}. */
  public static DirectNetwork start(
      Identity identity,
      String myName,
      InetSocketAddress listen,
      Duration idleTimeout,
      LinkListener listener)
      throws SSLException {
    SslContext tls = TlsContexts.server(identity, PeerIdPolicy.any());
    EventLoopGroup group = Transports.group(2, "direct");
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(Transports.serverChannel())
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      SslHandler ssl = tls.newHandler(ch.alloc());
                      ssl.setHandshakeTimeoutMillis(10_000);
                      stack(ch.pipeline(), ssl, idleTimeout, LinkHandler.inbound(myName, listener));
                    }
                  })
              .bind(listen)
              .syncUninterruptibly()
              .channel();
      return new DirectNetwork(identity, myName, idleTimeout, listener, group, server);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static void stack(
      ChannelPipeline pipeline, SslHandler ssl, Duration idleTimeout, LinkHandler handler) {
    pipeline
        .addLast("tls", ssl)
        .addLast("frames", new FrameDecoder())
        .addLast("encoder", FrameEncoder.INSTANCE)
        .addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
        .addLast("link", handler);
  }

  /** Where this node listens. */
  public InetSocketAddress listenAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  /**
   * Dials {@code name} at {@code address}, requiring it to present {@code expected}, the PeerId the
   * registry holds for it; completes with the link once it is up, or exceptionally with a {@link
   * LinkException} saying why not.
   */
  public CompletableFuture<PeerLink> dial(String name, InetSocketAddress address, PeerId expected) {
    return dial(name, address, Optional.of(expected), "the registry");
  }

  /**
   * Dials {@code name} at {@code address}, requiring it to present {@code expected} if given (else
   * any certificate, for the caller to pin: trust on first use); {@code authority} names where the
   * expected PeerId comes from ("the registry", "your friends table"), for the sentence when
   * another answers.
   */
  public CompletableFuture<PeerLink> dial(
      String name, InetSocketAddress address, Optional<PeerId> expected, String authority) {
    CompletableFuture<PeerLink> dialed = new CompletableFuture<>();
    SslContext tls;
    try {
      tls =
          TlsContexts.client(
              identity, expected.map(PeerIdPolicy::pinned).orElse(PeerIdPolicy.any()));
    } catch (SSLException e) {
      return CompletableFuture.failedFuture(e);
    }
    String where = address.getHostString() + ":" + address.getPort();
    new Bootstrap()
        .group(group)
        .channel(Transports.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                SslHandler ssl =
                    tls.newHandler(ch.alloc(), address.getHostString(), address.getPort());
                ssl.setHandshakeTimeoutMillis(10_000);
                stack(
                    ch.pipeline(),
                    ssl,
                    idleTimeout,
                    LinkHandler.outbound(myName, name, listener, dialed));
              }
            })
        .connect(address)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                dialed.completeExceptionally(f.cause());
              }
            });
    return dialed.handle(
        (link, error) -> {
          if (error == null) {
            return link;
          }
          throw new java.util.concurrent.CompletionException(
              explain(name, where, authority, error));
        });
  }

  private static LinkException explain(
      String name, String where, String authority, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PeerIdMismatchException mismatch) {
        return new LinkException(
            "the peer at "
                + where
                + " is not "
                + name
                + ": it presented PeerId "
                + mismatch.presented()
                + ", but "
                + authority
                + " holds "
                + mismatch.expected()
                + " for "
                + name
                + "; refused");
      }
      if (t instanceof LinkException link) {
        return link;
      }
    }
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new LinkException("could not reach " + name + " at " + where + ": " + root.getMessage());
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
