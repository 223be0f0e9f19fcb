package p2pchat.peer.registry;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.ssl.SSLException;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.CheckPeer;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.Logout;
import p2pchat.protocol.message.RegistryMessage.Lookup;
import p2pchat.protocol.message.RegistryMessage.Register;
import p2pchat.protocol.message.RegistryMessage.SetVisibility;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * A connection to a registry over TLS: register, log in, ask who is online, look users up, and hear
 * presence changes. Once logged in it keeps the session alive with TCP pings and UDP hellos.
 * Methods block until the registry answers (or the request timeout passes) and throw {@link
 * RegistryException} with the registry's sentence when it refuses.
 */
public final class RegistryClient implements AutoCloseable {
  /**
   * @param requestTimeout how long to wait for a connection or an answer
   * @param tcpHeartbeats whether to ping over the TLS connection
   * @param udpHellos whether to send authenticated UDP hellos
   */
  public record Options(Duration requestTimeout, boolean tcpHeartbeats, boolean udpHellos) {
    /** 10 s timeout, both kinds of heartbeat. */
    public static final Options DEFAULTS = new Options(Duration.ofSeconds(10), true, true);
  }

  private final Channel channel;
  private final EventLoopGroup group;
  private final ClientHandler handler;
  private final Options options;
  private final PeerId registryId;
  private final AtomicInteger nextRequestId = new AtomicInteger(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile ScheduledFuture<?> heartbeat;
  private volatile DatagramChannel udp;

  private RegistryClient(
      Channel channel,
      EventLoopGroup group,
      ClientHandler handler,
      Options options,
      PeerId registryId) {
    this.channel = channel;
    this.group = group;
    this.handler = handler;
    this.options = options;
    this.registryId = registryId;
  }

  /**
   * Connects to the registry at {@code address}, presenting {@code identity} and accepting the
   * registry's certificate only if {@code registryPolicy} does, then exchanges protocol versions.
   */
  public static RegistryClient connect(
      InetSocketAddress address,
      Identity identity,
      PeerIdPolicy registryPolicy,
      RegistryListener listener,
      Options options)
      throws RegistryException {
    SslContext tls;
    try {
      tls = TlsContexts.client(identity, registryPolicy);
    } catch (SSLException e) {
      throw new RegistryException("cannot set up TLS: " + e.getMessage(), e);
    }
    EventLoopGroup group = Transports.group(1, "registry-client");
    ClientHandler handler = new ClientHandler(listener);
    String where = address.getHostString() + ":" + address.getPort();
    try {
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(Transports.socketChannel())
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.requestTimeout().toMillis())
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
                          .addLast("registry", handler);
                    }
                  })
              .connect(address)
              .syncUninterruptibly()
              .channel();
      SslHandler ssl = channel.pipeline().get(SslHandler.class);
      ssl.handshakeFuture().get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      PeerId registryId = TlsContexts.remotePeerId(ssl).orElseThrow();
      channel.writeAndFlush(new Hello(ProtocolVersion.CURRENT, ProtocolVersion.SOFTWARE));
      await(handler.welcome, options.requestTimeout(), "the version handshake");
      return new RegistryClient(channel, group, handler, options, registryId);
    } catch (ExecutionException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      Throwable cause = rootCause(e);
      if (cause instanceof RegistryException r) {
        throw r;
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

  /** The PeerId the registry presented (its certificate fingerprint). */
  public PeerId registryId() {
    return registryId;
  }

  /** Creates an account named {@code name}, bound to this connection's PeerId. */
  public void register(String name, String password) throws RegistryException {
    request(id -> new Register(id, name, password), "register");
  }

  /** Logs in and returns the session and everyone else online; heartbeats start. */
  public LoginResult login(String name, String password, int listenPort, boolean visible)
      throws RegistryException {
    ClientHandler.Answer answer =
        (ClientHandler.Answer)
            request(id -> new Login(id, name, password, listenPort, visible), "login");
    LoginOk ok = answer.loginOk();
    startHeartbeats(ok);
    return new LoginResult(ok.sessionId(), ok.observedHost(), ok.observedPort(), answer.peers());
  }

  /** Everyone else online and visible now. */
  public List<PeerInfo> online() throws RegistryException {
    return ((ClientHandler.Answer) request(ListOnline::new, "list online")).peers();
  }

  /** Where {@code name} can be dialed, and the PeerId to expect there. */
  public PeerInfo lookup(String name) throws RegistryException {
    return (PeerInfo) request(id -> new Lookup(id, name), "lookup");
  }

  /**
   * Checks that {@code peerId} is one of the PeerIds bound to account {@code name}; throws with
   * {@code IDENTITY_MISMATCH} when it is not, {@code UNKNOWN_USER} when there is no such account.
   */
  public void checkPeer(String name, PeerId peerId) throws RegistryException {
    request(id -> new CheckPeer(id, name, peerId), "identity check");
  }

  /** Shows or hides this session from the online list, announcements and lookups. */
  public void setVisible(boolean visible) throws RegistryException {
    request(id -> new SetVisibility(id, visible), "visibility change");
  }

  /** Ends the session; the registry then closes the connection. */
  public void logout() throws RegistryException {
    stopHeartbeats();
    request(Logout::new, "logout");
  }

  /** This end of the connection to the registry (the address the registry should observe). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Whether the connection to the registry is open. */
  public boolean isConnected() {
    return channel.isActive();
  }

  private Object request(IntFunction<Message> make, String what) throws RegistryException {
    int id = nextRequestId.getAndIncrement();
    CompletableFuture<Object> answer = handler.expect(id);
    if (!channel.isActive()) {
      handler.forget(id);
      throw new RegistryException("the connection to the registry is closed", null);
    }
    channel.writeAndFlush(make.apply(id));
    try {
      return await(answer, options.requestTimeout(), what);
    } finally {
      handler.forget(id);
    }
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
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

  private void startHeartbeats(LoginOk ok) {
    long interval = Math.max(50, ok.timeoutMillis() / 3);
    InetSocketAddress helloTarget =
        new InetSocketAddress(
            ((InetSocketAddress) channel.remoteAddress()).getAddress(), ok.udpPort());
    byte[] key = ok.helloKey();
    long[] counter = {0};
    if (options.udpHellos()) {
      try {
        udp = DatagramChannel.open();
      } catch (IOException e) {
        udp = null; // TCP pings alone keep the session; UDP is an extra path.
      }
    }
    heartbeat =
        channel
            .eventLoop()
            .scheduleAtFixedRate(
                () -> {
                  if (options.tcpHeartbeats()) {
                    channel.writeAndFlush(new Ping(System.nanoTime()));
                  }
                  DatagramChannel u = udp;
                  if (u != null) {
                    byte[] datagram = new HelloDatagram(ok.sessionId(), ++counter[0]).encode(key);
                    try {
                      u.send(ByteBuffer.wrap(datagram), helloTarget);
                    } catch (IOException e) {
                      // Lost hellos are what TCP pings and the timeout are for.
                    }
                  }
                },
                interval,
                interval,
                TimeUnit.MILLISECONDS);
  }

  private void stopHeartbeats() {
    ScheduledFuture<?> h = heartbeat;
    if (h != null) {
      h.cancel(false);
    }
    DatagramChannel u = udp;
    udp = null;
    if (u != null) {
      try {
        u.close();
      } catch (IOException ignored) {
        // Nothing to do: the socket is gone either way.
      }
    }
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Closes the connection without logging out (the registry announces a disconnect). Closing again
   * does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // the event loop is gone: closing the channel again would be rejected
    }
    stopHeartbeats();
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
