package p2pchat.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
 * A blocking TLS 1.3 connection to a node's listen port that writes whatever a test asks and reads
 * the node's frames one by one: a peer that does not follow the rules. It presents an {@link
 * Identity} of the test's choosing and accepts only the node's own PeerId. Every read has a
 * timeout.
 */
final class RawPeerConnection implements AutoCloseable {
  /** How long a read waits by default. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawPeerConnection(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /**
   * Connects to {@code address} presenting {@code identity}, requires the other side to be {@code
   * nodeId}, and completes the TLS handshake.
   */
  static RawPeerConnection open(InetSocketAddress address, PeerId nodeId, Identity identity)
      throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLSv1.3");
      context.init(keyManagers(identity), new TrustManager[] {new Pinned(nodeId)}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up a TLS 1.3 client context", e);
    }
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.startHandshake();
      return new RawPeerConnection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
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

  /** Writes each message as one CONTROL frame. */
  void send(Message... messages) throws IOException {
    for (Message message : messages) {
      ByteBuf frame = FrameEncoder.encode(message, ByteBufAllocator.DEFAULT);
      try {
        sendRaw(ByteBufUtil.getBytes(frame));
      } finally {
        frame.release();
      }
    }
  }

  /** Writes {@code bytes} as they are, inside TLS. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * The next message within {@link #TIMEOUT}; throws {@link SocketTimeoutException} when none comes
   * and {@link EOFException} when the node closes first.
   */
  Message receive() throws IOException {
    int length = in.readInt();
    if (length < 1 || length > Limits.MAX_FRAME_LENGTH) {
      throw new ProtocolException("the node sent a frame of length " + length);
    }
    byte[] frame = new byte[4 + length];
    ByteBuf buf = Unpooled.wrappedBuffer(frame);
    buf.setInt(0, length);
    in.readFully(frame, 4, length);
    if (FrameDecoder.decodeFrame(buf) instanceof Message message) {
      return message;
    }
    throw new ProtocolException("the node sent a frame that is not a message");
  }

  /**
   * True if the node closes the connection within {@link #TIMEOUT} (end of stream, a reset or a TLS
   * error) without sending anything more; false if it is still open then.
   */
  boolean closedByPeer() throws IOException {
    try {
      Message unexpected = receive();
      throw new AssertionError("expected the node to close, but it sent " + unexpected);
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

  /** Accepts exactly the server certificate with the pinned PeerId. */
  private static final class Pinned implements X509TrustManager {
    private final PeerId expected;

    Pinned(PeerId expected) {
      this.expected = expected;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0 || !PeerId.of(chain[0]).equals(expected)) {
        throw new CertificateException("not the node with PeerId " + expected);
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
