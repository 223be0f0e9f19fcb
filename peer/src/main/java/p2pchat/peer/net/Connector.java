package p2pchat.peer.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.net.VersionHandshake;
import p2pchat.protocol.tls.PeerIdMismatchException;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * Dials and listens for peer connections on event loops of its own, every one with the same stack:
 * TLS (this node's certificate; the other's PeerId pinned, or any for trust on first use), frame
 * decoder, frame encoder, then what the purpose adds: an idle timer and its handler, with the
 * version exchange in front of that handler until it is done (then nothing is between them). Chat
 * links and file transfers each have a connector, so that file data never waits behind chat nor
 * chat behind file data.
 */
public final class Connector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
  private static final int TLS_HANDSHAKE_MILLIS = 10_000;
  private static final int CONNECT_MILLIS = 10_000;

  /**
   * What a purpose puts on the stack: its idle timer, then (behind the version exchange) its
   * handler, named {@code name} in the pipeline.
   */
  public record Ends(IdleStateHandler idle, String name, ChannelHandler handler) {}

  private final Identity identity;
  private final EventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  private Connector(Identity identity, EventLoopGroup group) {
    this.identity = identity;
    this.group = group;
  }

  /** A connector presenting {@code identity}, on {@code threads} event loops named {@code name}. */
  public static Connector start(Identity identity, int threads, String name) {
    return new Connector(identity, Transports.group(threads, name));
  }

  /**
   * Listens on {@code address}; each connection gets the stack with {@code ends} (fresh ones per
   * connection) behind the answering side of the version exchange. Returns the bound listener. A
   * connection beyond the caps of {@link ListenSlots.Settings#DEFAULTS} (per address, and TLS
   * handshakes in progress) is closed as soon as it is accepted.
   */
  public Channel listen(InetSocketAddress address, Supplier<Ends> ends) throws SSLException {
    return listen(address, ends, ListenSlots.Settings.DEFAULTS);
  }

  /**
   * Listens as {@link #listen(InetSocketAddress, Supplier)} does, with the caps of {@code caps}.
   */
  Channel listen(InetSocketAddress address, Supplier<Ends> ends, ListenSlots.Settings caps)
      throws SSLException {
    SslContext tls = TlsContexts.server(identity, PeerIdPolicy.any());
    ListenSlots slots = new ListenSlots(caps);
    Channel listener =
        new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannel())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    String remote = ch.remoteAddress().getAddress().getHostAddress();
                    var refusal = slots.open(remote);
                    if (refusal.isPresent()) {
                      if (refusal.get().first()) {
                        LOG.warn(
                            "refusing new connections from {}: {}", remote, refusal.get().reason());
                      }
                      ch.close();
                      return;
                    }
                    channels.add(ch);
                    SslHandler ssl = tls.newHandler(ch.alloc());
                    AtomicBoolean handshaking = new AtomicBoolean(true);
                    ssl.handshakeFuture()
                        .addListener(
                            f -> {
                              if (handshaking.compareAndSet(true, false)) {
                                slots.handshakeDone(remote);
                              }
                            });
                    ch.closeFuture()
                        .addListener(
                            f -> slots.closed(remote, handshaking.compareAndSet(true, false)));
                    stack(
                        ch.pipeline(),
                        ssl,
                        VersionHandshake.server("peer", "other", ""),
                        ends.get());
                  }
                })
            .bind(address)
            .syncUninterruptibly()
            .channel();
    channels.add(listener);
    return listener;
  }

  /**
   * Dials {@code route}, requiring the other side to present {@code expected} if given (else any
   * certificate: trust on first use), with {@code ends} behind the dialing side of the version
   * exchange. Completes once the connection is open (TLS and what follows report through the
   * pipeline), or exceptionally with why it could not be.
   */
  public CompletableFuture<Channel> dial(Route route, Optional<PeerId> expected, Ends ends) {
    SslContext tls;
    try {
      tls =
          TlsContexts.client(
              identity, expected.map(PeerIdPolicy::pinned).orElse(PeerIdPolicy.any()));
    } catch (SSLException e) {
      return CompletableFuture.failedFuture(e);
    }
    InetSocketAddress address =
        switch (route) {
          case Route.Direct direct -> direct.address();
        };
    CompletableFuture<Channel> connected = new CompletableFuture<>();
    new Bootstrap()
        .group(group)
        .channel(Transports.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_MILLIS)
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                stack(
                    ch.pipeline(),
                    tls.newHandler(ch.alloc(), address.getHostString(), address.getPort()),
                    VersionHandshake.client(),
                    ends);
              }
            })
        .connect(address)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                connected.complete(((ChannelFuture) f).channel());
              } else {
                connected.completeExceptionally(f.cause());
              }
            });
    return connected;
  }

  private static void stack(
      ChannelPipeline pipeline, SslHandler ssl, VersionHandshake version, Ends ends) {
    ssl.setHandshakeTimeoutMillis(TLS_HANDSHAKE_MILLIS);
    pipeline
        .addLast("tls", ssl)
        .addLast("frames", new FrameDecoder())
        .addLast("encoder", FrameEncoder.INSTANCE)
        .addLast("idle", ends.idle())
        .addLast("version", version) // removes itself once the versions agree
        .addLast(ends.name(), ends.handler());
  }

  /** The PeerId mismatch behind a failed dial, if that is why it failed. */
  public static Optional<PeerIdMismatchException> mismatch(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PeerIdMismatchException m) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The innermost cause of {@code error}: what a sentence about a failed dial names. */
  public static Throwable rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** Closes every connection and listener, and stops the event loops. */
  @Override
  public void close() {
    channels.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
