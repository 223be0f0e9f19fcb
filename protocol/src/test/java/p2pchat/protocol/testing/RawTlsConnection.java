package p2pchat.protocol.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.Message;

/**
 * A blocking TLS 1.3 client connection to a node or a registry that writes whatever a test asks,
 * well-formed or not, and reads the server's frames one by one: a client that does not follow the
 * rules. It presents an {@link Identity} of the test's choosing as its certificate and accepts only
 * the server whose certificate makes the expected PeerId. Every read has a timeout; nothing sleeps.
 */
public class RawTlsConnection implements AutoCloseable {
  /** How long connecting, the handshake and a read wait unless told otherwise. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** A connection over {@code socket}, whose handshake is complete. */
  protected RawTlsConnection(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to {@code address} presenting {@code identity}, requires the server to be {@code
   * serverId}, and completes the TLS handshake.
   */
  public static RawTlsConnection open(InetSocketAddress address, PeerId serverId, Identity identity)
      throws IOException {
    return new RawTlsConnection(handshake(new Socket(), null, address, serverId, identity));
  }

  /**
   * Connects {@code plain} (unconnected; from {@code localHost} if not null) to {@code address},
   * layers TLS 1.3 on it presenting {@code identity} and accepting only {@code serverId}, and
   * completes the handshake. Closes {@code plain} if any of it fails.
   */
  protected static SSLSocket handshake(
      Socket plain, String localHost, InetSocketAddress address, PeerId serverId, Identity identity)
      throws IOException {
    try {
      plain.setTcpNoDelay(true);
      if (localHost != null) {
        plain.bind(new InetSocketAddress(localHost, 0));
      }
      plain.connect(address, (int) TIMEOUT.toMillis());
      SSLSocket socket =
          (SSLSocket)
              context(serverId, identity)
                  .getSocketFactory()
                  .createSocket(plain, address.getHostString(), address.getPort(), true);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static SSLContext context(PeerId serverId, Identity identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          keyManagers(identity), new TrustManager[] {new PinnedTrustManager(serverId)}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up a TLS 1.3 client context", e);
    }
  }

  private static KeyManager[] keyManagers(Identity identity)
      throws GeneralSecurityException, IOException {
    char[] password = "in-memory".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "identity",
        identity.privateKey(),
        password,
        new X509Certificate[] {identity.certificate()});
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  /**
   * Writes each message as one CONTROL frame, all in one write, so that the server reads them
   * together. Call once per message to write them one by one.
   */
  public void send(Message... messages) throws IOException {
    ByteBuf frames = ByteBufAllocator.DEFAULT.buffer();
    try {
      for (Message message : messages) {
        ByteBuf frame = FrameEncoder.encode(message, ByteBufAllocator.DEFAULT);
        frames.writeBytes(frame);
        frame.release();
      }
      sendRaw(ByteBufUtil.getBytes(frames));
    } finally {
      frames.release();
    }
  }

  /** Writes {@code bytes} as they are, inside TLS. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes the readable bytes of {@code frame} as they are, inside TLS, and releases it. */
  public void sendRaw(ByteBuf frame) throws IOException {
    try {
      sendRaw(ByteBufUtil.getBytes(frame));
    } finally {
      frame.release();
    }
  }

  /** The next message within {@link #TIMEOUT}; see {@link #receive(Duration)}. */
  public Message receive() throws IOException {
    return receive(TIMEOUT);
  }

  /**
   * The next message the server sends within {@code timeout}; throws {@link SocketTimeoutException}
   * when none comes in time and {@link EOFException} when the server closes first.
   */
  public Message receive(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    int length = in.readInt();
    if (length < 1 || length > Limits.MAX_FRAME_LENGTH) {
      throw new ProtocolException("the server sent a frame of length " + length);
    }
    byte[] frame = new byte[4 + length];
    ByteBuf buf = Unpooled.wrappedBuffer(frame);
    buf.setInt(0, length);
    in.readFully(frame, 4, length);
    Object decoded = FrameDecoder.decodeFrame(buf);
    if (decoded instanceof Message message) {
      return message;
    }
    throw new ProtocolException("the server sent a frame that is not a message: " + decoded);
  }

  /** Whether the server closes within {@link #TIMEOUT}; see {@link #closedByPeer(Duration)}. */
  public boolean closedByPeer() throws IOException {
    return closedByPeer(TIMEOUT);
  }

  /**
   * True if the server closes the connection within {@code timeout} (end of stream, a reset or a
   * TLS error) without sending anything more; false if it is still open then. Fails the test if a
   * message arrives first.
   */
  public boolean closedByPeer(Duration timeout) throws IOException {
    try {
      Message unexpected = receive(timeout);
      throw new AssertionError("expected the server to close, but it sent " + unexpected);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException | SSLException | SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Accepts exactly the server certificate whose PeerId is the pinned one. */
  private static final class PinnedTrustManager implements X509TrustManager {
    private final PeerId expected;

    PinnedTrustManager(PeerId expected) {
      this.expected = expected;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server presented no certificate");
      }
      PeerId presented = PeerId.of(chain[0]);
      if (!presented.equals(expected)) {
        throw new CertificateException("expected server " + expected + ", got " + presented);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
