package p2pchat.registry;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.RegistryMessage.PresenceChange.Reason;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;
import p2pchat.registry.files.FileIndex;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.limits.RateLimits;
import p2pchat.registry.session.Directory;
import p2pchat.registry.session.Session;
import p2pchat.registry.store.HistoryWriter;
import p2pchat.registry.store.RegistryStore;
import p2pchat.registry.store.StoreException;

/**
 * A running registry: TLS on a TCP port, hellos on a UDP port, accounts and the request history in
 * its data folder, operations for operators through {@link #admin()}. The pipeline of every
 * connection reads as the stack: TLS, flush consolidation, frame decoder, frame encoder, connection
 * handler.
 *
 * <p>Flush consolidation: the answers to requests that arrive in one read are flushed once, when
 * the read is complete, so that a client's pipelined requests cost one TLS record and one write
 * call rather than one each. A lone request is answered as soon as its read is done; what is
 * written outside a read (answers after blocking work, announcements) is flushed at once.
 */
public final class RegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  /** Most flushes held back while one read is in progress; the next one goes out at once. */
  static final int MAX_DEFERRED_FLUSHES = 256;

  private final RegistryCore core;
  private final HistoryWriter history;
  private final Identity identity;
  private final EventLoopGroup group;
  private final Channel tcp;
  private final Channel udp;

  private RegistryServer(
      RegistryCore core,
      HistoryWriter history,
      Identity identity,
      EventLoopGroup group,
      Channel tcp,
      Channel udp) {
    this.core = core;
    this.history = history;
    this.identity = identity;
    this.group = group;
    this.tcp = tcp;
    this.udp = udp;
  }

  /** Opens the data folder (creating the identity and database on first start) and listens. */
  public static RegistryServer start(RegistryConfig config) throws IOException, StoreException {
    Identity identity = Identity.loadOrCreate(config.dataDir());
    RegistryStore store = RegistryStore.open(config.dataDir());
    SslContext tls = TlsContexts.server(identity, PeerIdPolicy.any());
    EventLoopGroup group = Transports.group(0, "registry-io");
    ExecutorService blocking =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("registry-blocking-", 0).daemon().factory());
    HistoryWriter history =
        new HistoryWriter(store.history(), config.historyRetention(), Instant::now);
    try {
      Directory directory = new Directory();
      LoginThrottle throttle = new LoginThrottle(config.throttle(), System::nanoTime);
      Accounts accounts = new Accounts(store, config.hasher(), throttle);
      RequestLog requestLog = new RequestLog(history);
      RegistryAdmin admin = new RegistryAdmin(directory, store, history, requestLog);
      RateLimits limits = new RateLimits(config.rates(), System::nanoTime);
      ConnectionSlots slots = new ConnectionSlots(config.connections(), System::nanoTime);
      // The core needs the UDP port, which is the TCP port's number unless told otherwise, so it
      // can only be built once TCP is bound. Until then the listening socket accepts nothing
      // (auto-read off): a client that connects meanwhile waits in the kernel's backlog and is
      // accepted, with the core in place, once reading starts below.
      RegistryCore[] coreRef = new RegistryCore[1];
      Channel tcp =
          new ServerBootstrap()
              .group(group)
              .channel(Transports.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.AUTO_READ, false)
              .childOption(ChannelOption.AUTO_READ, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      // A connection beyond its address's caps, or beyond the cap of connections
                      // not logged in from all addresses, is closed before any TLS work.
                      String remote = ch.remoteAddress().getAddress().getHostAddress();
                      Optional<ConnectionSlots.Refusal> refusal = slots.open(remote);
                      if (refusal.isPresent()) {
                        if (refusal.get().first()) {
                          LOG.warn(
                              "refusing new connections from {}: {}",
                              remote,
                              refusal.get().reason());
                        }
                        ch.close();
                        return;
                      }
                      SslHandler ssl = tls.newHandler(ch.alloc());
                      ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
                      ch.pipeline()
                          .addLast("tls", ssl)
                          .addLast("flushes", new FlushConsolidationHandler(MAX_DEFERRED_FLUSHES))
                          .addLast("frames", new FrameDecoder())
                          .addLast("encoder", FrameEncoder.INSTANCE)
                          .addLast("connection", new ConnectionHandler(coreRef[0], remote));
                    }
                  })
              .bind(config.host(), config.port())
              .syncUninterruptibly()
              .channel();
      int tcpPort = ((InetSocketAddress) tcp.localAddress()).getPort();
      Channel udp = bindUdp(group, config, tcpPort, directory);
      int udpPort = ((InetSocketAddress) udp.localAddress()).getPort();
      coreRef[0] =
          new RegistryCore(
              config,
              directory,
              accounts,
              store,
              blocking,
              udpPort,
              requestLog,
              admin,
              limits,
              slots,
              new FileIndex(directory));
      RegistryServer server = new RegistryServer(coreRef[0], history, identity, group, tcp, udp);
      tcp.config().setAutoRead(true); // starts accepting: every connection now finds the core
      server.scheduleSweeper();
      LOG.info(
          "registry listening on {}:{} (TCP/TLS) and UDP {}, {} transport, {} TLS, id {}",
          config.host(),
          tcpPort,
          udpPort,
          Transports.name(),
          TlsContexts.provider(),
          identity.peerId());
      return server;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      blocking.shutdownNow();
      history.close();
      store.close();
      if (e.getCause() instanceof IOException io) {
        throw new IOException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + io.getMessage(), io);
      }
      throw e;
    }
  }

  private static Channel bindUdp(
      EventLoopGroup group, RegistryConfig config, int tcpPort, Directory directory) {
    Bootstrap udp =
        new Bootstrap()
            .group(group)
            .channel(Transports.datagramChannel())
            .handler(new HelloHandler(directory));
    int wanted = config.udpPort() >= 0 ? config.udpPort() : tcpPort;
    try {
      return udp.bind(config.host(), wanted).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      if (config.udpPort() >= 0) {
        throw e;
      }
      LOG.warn("UDP port {} is taken; using a free one (clients are told which)", wanted);
      return udp.bind(config.host(), 0).syncUninterruptibly().channel();
    }
  }

  private void scheduleSweeper() {
    Duration timeout = core.config().heartbeatTimeout();
    long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
    group.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  private void sweep() {
    long timeoutNanos = core.config().heartbeatTimeout().toNanos();
    long now = System.nanoTime();
    for (Session s : core.directory().all()) {
      if (now - s.lastSeenNanos() > timeoutNanos && s.channel().isActive()) {
        s.endReason(Reason.TIMED_OUT);
        LOG.info(
            "session={} user={} timed out: no heartbeat for {}",
            s.idText(),
            s.name(),
            core.config().heartbeatTimeout());
        s.channel()
            .writeAndFlush(
                new SessionEnded(
                    SessionEnded.Why.TIMED_OUT,
                    "no heartbeat for "
                        + core.config().heartbeatTimeout().toSeconds()
                        + " s; log in again"))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }
    core.accounts().expireThrottle();
    core.limits().expire();
  }

  /** The TCP address the registry listens on. */
  public InetSocketAddress address() {
    return (InetSocketAddress) tcp.localAddress();
  }

  /** The UDP port hellos go to. */
  public int udpPort() {
    return core.udpPort();
  }

  /** The registry's own PeerId, the fingerprint clients pin. */
  public PeerId peerId() {
    return identity.peerId();
  }

  /** What an operator can do here: sessions, kick, ban, history (the registry's console). */
  public RegistryAdmin admin() {
    return core.admin();
  }

  /** How many sessions are logged in now. */
  public int sessionCount() {
    return core.directory().size();
  }

  /** How many connections have not logged in yet, from all addresses. */
  int pendingConnections() {
    return core.slots().pending();
  }

  /** Stops listening, closes every connection and the database. */
  @Override
  public void close() {
    tcp.close().syncUninterruptibly();
    // Tell every peer why its session ends, so that it logs in again once a registry is back.
    SessionEnded shutdown =
        new SessionEnded(SessionEnded.Why.SHUTDOWN, "the registry is shutting down");
    for (Session s : core.directory().all()) {
      s.endReason(Reason.DISCONNECTED);
      s.channel().writeAndFlush(shutdown).addListener(ChannelFutureListener.CLOSE);
    }
    udp.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    core.blocking().shutdownNow();
    history.close(); // writes what is queued, so that the history survives the restart
    try {
      core.store().close();
    } catch (StoreException e) {
      LOG.warn("closing the database: {}", e.getMessage());
    }
    LOG.info("registry stopped");
  }
}
