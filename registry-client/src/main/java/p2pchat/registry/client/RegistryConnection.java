package p2pchat.registry.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.ssl.SSLException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.net.VersionHandshake;
import p2pchat.protocol.tls.PeerIdMismatchException;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * A TLS connection to a registry, past the version exchange: numbered requests whose answers the
 * {@link ClientHandler} matches. What {@link RegistryClient} and {@link AdminClient} share.
 */
final class RegistryConnection {
  private final Channel channel;
  private final EventLoopGroup group;
  private final ClientHandler handler;
  private final Duration timeout;
  private final PeerId registryId;
  private final AtomicInteger nextRequestId = new AtomicInteger(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private RegistryConnection(
      Channel channel,
      EventLoopGroup group,
      ClientHandler handler,
      Duration timeout,
      PeerId registryId) {
    this.channel = channel;
    this.group = group;
    this.handler = handler;
    this.timeout = timeout;
    this.registryId = registryId;
  }

  /**
   * Connects to the registry at {@code address}, presenting {@code identity} and accepting the
   * registry's certificate only if {@code registryPolicy} does, then exchanges protocol versions.
   * The connection's event loop thread is named {@code threadName}.
   */
  static RegistryConnection open(
      InetSocketAddress address,
      Identity identity,
      PeerIdPolicy registryPolicy,
      ClientHandler handler,
      Duration timeout,
      String threadName)
      throws RegistryException {
    SslContext tls;
    try {
      tls = TlsContexts.client(identity, registryPolicy);
    } catch (SSLException e) {
      throw new RegistryException("cannot set up TLS: " + e.getMessage(), e);
    }
    EventLoopGroup group = Transports.group(1, threadName);
    String where = address.getHostString() + ":" + address.getPort();
    try {
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(Transports.socketChannel())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(
                              "tls",
                              tls.newHandler(
                                  ch.alloc(), address.getHostString(), address.getPort()))
                          .addLast("frames", new FrameDecoder())
                          .addLast("encoder", FrameEncoder.INSTANCE)
                          .addLast("version", VersionHandshake.client()) // sends Hello after TLS
                          .addLast("registry", handler);
                    }
                  })
              .connect(address)
              .syncUninterruptibly()
              .channel();
      SslHandler ssl = channel.pipeline().get(SslHandler.class);
      ssl.handshakeFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      PeerId registryId = TlsContexts.remotePeerId(ssl).orElseThrow();
      await(handler.welcome, timeout, "the version handshake");
      return new RegistryConnection(channel, group, handler, timeout, registryId);
    } catch (ExecutionException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      Throwable cause = rootCause(e);
      if (cause instanceof RegistryException r) {
        throw r;
      }
      RegistryException keyChanged = keyChanged(e, where);
      if (keyChanged != null) {
        throw keyChanged;
      }
      throw new RegistryException(
          "registry " + where + " refused the TLS handshake: " + cause.getMessage(), cause);
    } catch (RegistryException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      Throwable cause = rootCause(e);
      throw new RegistryException(
          "registry " + where + " is unreachable: " + cause.getMessage(), cause);
    }
  }

  PeerId registryId() {
    return registryId;
  }

  Channel channel() {
    return channel;
  }

  ClientHandler handler() {
    return handler;
  }

  /**
   * Sends the request {@code make} builds for a fresh id and waits for its answer: whatever the
   * handler completes it with. {@code what} names the request in a failure.
   */
  Object request(IntFunction<Message> make, String what) throws RegistryException {
    int id = nextRequestId.getAndIncrement();
    CompletableFuture<Object> answer = handler.expect(id);
    if (!channel.isActive()) {
      handler.forget(id);
      throw new RegistryException("the connection to the registry is closed", null);
    }
    channel.writeAndFlush(make.apply(id));
    try {
      return await(answer, timeout, what);
    } finally {
      handler.forget(id);
    }
  }

  static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
      throws RegistryException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryException r) {
        throw r;
      }
      throw new RegistryException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new RegistryException(
          "the registry did not answer the " + what + " within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(what + " was interrupted", e);
    }
  }

  /** This end of the connection (the address the registry should observe). */
  InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  boolean isConnected() {
    return channel.isActive();
  }

  /**
   * The failure saying the registry at {@code where} presents another key, if the pinning policy is
   * what failed the handshake {@code e}; null otherwise.
   */
  private static RegistryException keyChanged(Throwable e, String where) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KnownRegistries.KeyChanged k) {
        return RegistryException.keyChanged(k.getMessage(), k);
      }
      if (t instanceof KnownRegistries.Damaged d) {
        return new RegistryException(d.getMessage(), d); // this side's file, not the registry
      }
      if (t instanceof PeerIdMismatchException m) {
        return RegistryException.keyChanged(
            "the registry at "
                + where
                + " presents another key: it presented PeerId "
                + m.presented()
                + " but "
                + m.expected()
                + " is the one expected: refusing to connect",
            m);
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Closes the connection and its event loop; closing again does nothing. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // the event loop is gone: closing the channel again would be rejected
    }
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
