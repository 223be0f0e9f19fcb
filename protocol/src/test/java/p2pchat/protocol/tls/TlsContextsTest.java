package p2pchat.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

@ExtendWith(UncaughtExceptionsExtension.class)
@Timeout(60)
class TlsContextsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Identity SERVER = Identity.generate("server");
  private static final Identity CLIENT = Identity.generate("client");
  private static final Identity STRANGER = Identity.generate("stranger");

  private static EventLoopGroup group;
  private final List<Channel> channels = new CopyOnWriteArrayList<>();
  private final BlockingQueue<End> accepted = new LinkedBlockingQueue<>();

  @BeforeAll
  static void startEventLoops() {
    group = Transports.group(2, "tls-test");
  }

  @AfterAll
  static void stopEventLoops() {
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void closeChannels() {
    channels.forEach(channel -> channel.close().syncUninterruptibly());
  }

  @Test
  void aClientPinningTheServerTalksToItOverTls13() throws SSLException {
    Channel server = startServer(PeerIdPolicy.any());

    End client = connect(server, CLIENT, PeerIdPolicy.pinned(SERVER.peerId()));
    SslHandler clientTls = done(client.handshake);
    End serverEnd = accept();
    SslHandler serverTls = done(serverEnd.handshake);

    assertThat(clientTls.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(serverTls.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(TlsContexts.remotePeerId(clientTls)).contains(SERVER.peerId());
    assertThat(TlsContexts.remotePeerId(serverTls)).contains(CLIENT.peerId());

    client.channel.writeAndFlush(new Ping(42));
    await().atMost(TIMEOUT).until(() -> client.received.contains(new Pong(42)));
    assertThat(serverEnd.received).containsExactly(new Ping(42));
  }

  @Test
  void aClientPinningAnotherIdRefusesTheServer() throws SSLException {
    Channel server = startServer(PeerIdPolicy.any());

    End client = connect(server, CLIENT, PeerIdPolicy.pinned(STRANGER.peerId()));

    assertThat(mismatch(failure(client.handshake)))
        .satisfies(
            e -> {
              assertThat(e.expected()).isEqualTo(STRANGER.peerId());
              assertThat(e.presented()).isEqualTo(SERVER.peerId());
              assertThat(e).hasMessageStartingWith("expected PeerId " + STRANGER.peerId());
            });
    failure(accept().handshake);
    awaitClosed(client);
  }

  @Test
  void aServerPinningAClientRefusesAnyOther() throws SSLException {
    Channel server = startServer(PeerIdPolicy.pinned(CLIENT.peerId()));

    End pinned = connect(server, CLIENT, PeerIdPolicy.pinned(SERVER.peerId()));
    done(accept().handshake);
    pinned.channel.writeAndFlush(new Ping(1));
    await().atMost(TIMEOUT).until(() -> pinned.received.contains(new Pong(1)));

    End stranger = connect(server, STRANGER, PeerIdPolicy.pinned(SERVER.peerId()));
    PeerIdMismatchException refusal = mismatch(failure(accept().handshake));
    assertThat(refusal.expected()).isEqualTo(CLIENT.peerId());
    assertThat(refusal.presented()).isEqualTo(STRANGER.peerId());
    awaitClosed(stranger);
    assertThat(stranger.received).isEmpty();
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    Channel server = startServer(PeerIdPolicy.any());

    End client = connect(server, expired(), PeerIdPolicy.pinned(SERVER.peerId()));

    assertThat(causes(failure(accept().handshake)))
        .anyMatch(CertificateExpiredException.class::isInstance);
    awaitClosed(client);
  }

  @Test
  void aClientOfferingOnlyTls12IsRefused() throws Exception {
    InetSocketAddress address = (InetSocketAddress) startServer(PeerIdPolicy.any()).localAddress();
    SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
    tls12.init(null, null, null);

    try (SSLSocket socket =
        (SSLSocket)
            tls12.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});

      // protocol_version, not a certificate complaint: the server never got as far as those.
      assertThatThrownBy(socket::startHandshake)
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("protocol_version");
    }
    failure(accept().handshake);
  }

  @Test
  void noPeerIdIsKnownBeforeTheHandshake() throws Exception {
    SslHandler handler =
        TlsContexts.client(CLIENT, PeerIdPolicy.any())
            .newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 1);
    try {
      assertThat(TlsContexts.remotePeerId(handler)).isEmpty();
    } finally {
      ReferenceCountUtil.release(handler.engine());
    }
  }

  /** One end of a connection: its TLS handshake, what it received; answers pings. */
  private static final class End extends SimpleChannelInboundHandler<Message> {
    final CompletableFuture<SslHandler> handshake = new CompletableFuture<>();
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    volatile Channel channel;

    void install(Channel ch, SslHandler tls) {
      channel = ch;
      tls.handshakeFuture()
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  handshake.complete(tls);
                } else {
                  handshake.completeExceptionally(f.cause());
                }
              });
      ch.pipeline().addLast(tls, new FrameDecoder(), FrameEncoder.INSTANCE, this);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message message) {
      received.add(message);
      if (message instanceof Ping ping) {
        ctx.writeAndFlush(new Pong(ping.nonce()));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // The handshake future already holds a TLS failure; anything else closes too.
      handshake.completeExceptionally(cause);
      ctx.close();
    }
  }

  private Channel startServer(PeerIdPolicy policy) throws SSLException {
    return startServer(SERVER, policy);
  }

  private Channel startServer(Identity identity, PeerIdPolicy policy) throws SSLException {
    SslContext context = TlsContexts.server(identity, policy);
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(Transports.serverChannel())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    End end = new End();
                    end.install(ch, context.newHandler(ch.alloc()));
                    channels.add(ch);
                    accepted.add(end);
                  }
                })
            .bind(InetAddress.getLoopbackAddress(), 0)
            .syncUninterruptibly()
            .channel();
    channels.add(server);
    return server;
  }

  private End connect(Channel server, Identity identity, PeerIdPolicy policy) throws SSLException {
    InetSocketAddress address = (InetSocketAddress) server.localAddress();
    SslContext context = TlsContexts.client(identity, policy);
    End end = new End();
    Channel channel =
        new Bootstrap()
            .group(group)
            .channel(Transports.socketChannel())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    end.install(
                        ch,
                        context.newHandler(ch.alloc(), address.getHostString(), address.getPort()));
                  }
                })
            .connect(address)
            .syncUninterruptibly()
            .channel();
    channels.add(channel);
    return end;
  }

  /** The server side of the next connection the server accepted, waiting for it. */
  private End accept() {
    return await().atMost(TIMEOUT).until(accepted::poll, Objects::nonNull);
  }

  private static <T> T done(CompletableFuture<T> future) {
    await().atMost(TIMEOUT).until(future::isDone);
    return future.join();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    await().atMost(TIMEOUT).until(future::isDone);
    assertThat(future).isCompletedExceptionally();
    return future.exceptionNow();
  }

  private static void awaitClosed(End end) {
    await().atMost(TIMEOUT).until(() -> !end.channel.isActive());
  }

  private static PeerIdMismatchException mismatch(Throwable failure) {
    return causes(failure).stream()
        .filter(PeerIdMismatchException.class::isInstance)
        .map(PeerIdMismatchException.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no PeerIdMismatchException in", failure));
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  @Test
  void aServerRefusesAnRsaClientCertificate() throws Exception {
    Channel server = startServer(PeerIdPolicy.any());

    End client = connect(server, rsa(), PeerIdPolicy.pinned(SERVER.peerId()));

    assertThat(messages(failure(accept().handshake)))
        .contains("has an RSA 2048-bit key; the protocol requires EC P-256");
    awaitClosed(client);
  }

  @Test
  void aClientRefusesAnRsaServerCertificateWithAClearAlert() throws Exception {
    Channel server = startServer(rsa(), PeerIdPolicy.any());

    End client = connect(server, CLIENT, PeerIdPolicy.any());

    assertThat(messages(failure(client.handshake)))
        .contains("has an RSA 2048-bit key; the protocol requires EC P-256");
    assertRefusalAlert(failure(accept().handshake));
  }

  @Test
  void aClientRefusesACaSignedServerCertificateWithAClearAlert() throws Exception {
    Channel server = startServer(caSigned(), PeerIdPolicy.any());

    End client = connect(server, CLIENT, PeerIdPolicy.any());

    assertThat(messages(failure(client.handshake)))
        .contains("is issued by CN=some-ca, not self-signed");
    assertRefusalAlert(failure(accept().handshake));
  }

  @Test
  void aServerRefusesACaSignedClientCertificate() throws Exception {
    Channel server = startServer(PeerIdPolicy.any());

    End client = connect(server, caSigned(), PeerIdPolicy.pinned(SERVER.peerId()));

    assertThat(messages(failure(accept().handshake)))
        .contains("is issued by CN=some-ca, not self-signed");
    awaitClosed(client);
  }

  /** An identity whose self-signed certificate expired yesterday. */
  private static Identity expired() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=expired");
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        Date.from(now.minus(Duration.ofDays(30))),
                        Date.from(now.minus(Duration.ofDays(1))),
                        name,
                        pair.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    return new Identity(pair.getPrivate(), certificate, PeerId.of(certificate));
  }

  /** Every message of {@code failure}'s cause chain, one a line. */
  private static String messages(Throwable failure) {
    return String.join(
        "\n", causes(failure).stream().map(t -> String.valueOf(t.getMessage())).toList());
  }

  /** The other side refused this one's certificate as bad or unknown, not as its own error. */
  private static void assertRefusalAlert(Throwable failure) {
    assertThat(messages(failure).toLowerCase(java.util.Locale.ROOT))
        .containsAnyOf("bad_certificate", "certificate_unknown")
        .doesNotContain("internal_error");
  }

  /** An identity with a self-signed RSA 2048 certificate. */
  private static Identity rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X509Certificate certificate =
        certificate("CN=rsa", pair, "CN=rsa", pair.getPrivate(), "SHA256withRSA");
    return new Identity(pair.getPrivate(), certificate, PeerId.of(certificate));
  }

  /** An EC P-256 identity whose certificate is signed by a certificate authority's key. */
  private static Identity caSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ca = generator.generateKeyPair();
    KeyPair pair = generator.generateKeyPair();
    X509Certificate certificate =
        certificate("CN=signed", pair, "CN=some-ca", ca.getPrivate(), "SHA256withECDSA");
    return new Identity(pair.getPrivate(), certificate, PeerId.of(certificate));
  }

  private static X509Certificate certificate(
      String subject, KeyPair pair, String issuer, PrivateKey signer, String algorithm)
      throws Exception {
    Instant now = Instant.now();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    new X500Name(issuer),
                    BigInteger.TWO,
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name(subject),
                    pair.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(signer)));
  }
}
