package p2pchat.registry.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.net.VersionHandshake;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;
import p2pchat.registry.RegistryConfig;
import p2pchat.registry.RegistryServer;
import p2pchat.registry.limits.ConnectionSlots;
import p2pchat.registry.session.Directory;

/**
 * A registry's sockets: TLS connections on a TCP port, hellos on a UDP port, and the event loops
 * that serve both. The pipeline of every connection reads as the stack: TLS, flush consolidation,
 * frame decoder, frame encoder, connection handler.
 *
 * <p>Flush consolidation: the answers to requests that arrive in one read are flushed once, when
 * the read is complete, so that a client's pipelined requests cost one TLS record and one write
 * call rather than one each. A lone request is answered as soon as its read is done; what is
 * written outside a read (answers after blocking work, announcements) is flushed at once.
 */
public final class Listeners implements AutoCloseable {
  // The refusals and the UDP fallback are the server's news: logged under its name, as before.
  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  /** Most flushes held back while one read is in progress; the next one goes out at once. */
  static final int MAX_DEFERRED_FLUSHES = 256;

  private final EventLoopGroup group;
  private final Channel tcp;
  private final Channel udp;

  private Listeners(EventLoopGroup group, Channel tcp, Channel udp) {
    this.group = group;
    this.tcp = tcp;
    this.udp = udp;
  }

  /**
   * Listens where {@code config} says, with {@code identity}'s certificate; hellos are checked
   * against {@code directory}. Connections are served by the core that {@code core} makes for the
   * UDP port, once it is known: until then nothing is accepted.
   */
  public static Listeners open(
      RegistryConfig config,
      Identity identity,
      ConnectionSlots slots,
      Directory directory,
      IntFunction<Core> core)
      throws IOException {
    SslContext tls = TlsContexts.server(identity, PeerIdPolicy.any());
    EventLoopGroup group = Transports.group(0, "registry-io");
    try {
      // The core needs the UDP port, which is the TCP port's number unless told otherwise, so it
      // can only be built once TCP is bound. Until then the listening socket accepts nothing
      // (auto-read off): a client that connects meanwhile waits in the kernel's backlog and is
      // accepted, with the core in place, once reading starts below.
      Core[] coreRef = new Core[1];
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
                          .addLast(
                              "version",
                              VersionHandshake.server(
                                  "registry", "client", "; update the older side"))
                          .addLast("connection", new ConnectionHandler(coreRef[0], remote));
                    }
                  })
              .bind(config.host(), config.port())
              .syncUninterruptibly()
              .channel();
      int tcpPort = ((InetSocketAddress) tcp.localAddress()).getPort();
      Channel udp = bindUdp(group, config, tcpPort, directory);
      coreRef[0] = core.apply(((InetSocketAddress) udp.localAddress()).getPort());
      tcp.config().setAutoRead(true); // starts accepting: every connection now finds the core
      return new Listeners(group, tcp, udp);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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

  /** The TCP address connections come to. */
  public InetSocketAddress address() {
    return (InetSocketAddress) tcp.localAddress();
  }

  /** The UDP port hellos go to. */
  public int udpPort() {
    return ((InetSocketAddress) udp.localAddress()).getPort();
  }

  /** Runs {@code task} every {@code period} on an event loop, until {@link #close}. */
  public void every(Duration period, Runnable task) {
    long millis = period.toMillis();
    group.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops accepting connections; those open stay open. */
  public void stopAccepting() {
    tcp.close().syncUninterruptibly();
  }

  /** Stops accepting, stops the UDP socket and the event loops (closing every connection). */
  @Override
  public void close() {
    tcp.close().syncUninterruptibly();
    udp.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
