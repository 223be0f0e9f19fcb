package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;

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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.Register;

/**
 * A blocking TLS 1.3 connection to a registry that writes whatever a test asks, well-formed or not,
 * and reads the registry's frames one by one. It presents an {@link Identity} as its client
 * certificate and trusts only the registry's pinned PeerId. Every read has a timeout; nothing
 * sleeps.
 */
final class RawRegistryConnection implements AutoCloseable {
  /** How long the convenience methods wait for each answer. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int nextRequestId = 1;

  private final RecordCountingSocket records; // null unless opened with countingRecords

  private RawRegistryConnection(SSLSocket socket, RecordCountingSocket records) throws IOException {
    this.socket = socket;
    this.records = records;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code registry} with a fresh identity and completes the TLS handshake. */
  static RawRegistryConnection open(RegistryServer registry) throws IOException {
    return open(registry.address(), registry.peerId(), Identity.generate("raw"));
  }

  /**
   * Connects to {@code address}, presenting {@code identity} and accepting only a server whose
   * certificate makes {@code registryId}, and completes the TLS handshake.
   */
  static RawRegistryConnection open(InetSocketAddress address, PeerId registryId, Identity identity)
      throws IOException {
    return open(address, registryId, identity, null);
  }

  /**
   * Connects to {@code registry} from {@code localHost} (e.g. 127.0.0.2), with a fresh identity.
   */
  static RawRegistryConnection from(String localHost, RegistryServer registry) throws IOException {
    return open(registry.address(), registry.peerId(), Identity.generate("raw"), localHost);
  }

  /**
   * Connects to {@code address} from {@code localHost} (any local address if null), presenting
   * {@code identity} and accepting only a server whose certificate makes {@code registryId}, and
   * completes the TLS handshake.
   */
  static RawRegistryConnection open(
      InetSocketAddress address, PeerId registryId, Identity identity, String localHost)
      throws IOException {
    SSLSocket socket = (SSLSocket) context(registryId, identity).getSocketFactory().createSocket();
    try {
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setTcpNoDelay(true);
      if (localHost != null) {
        socket.bind(new InetSocketAddress(localHost, 0));
      }
      socket.connect(address, (int) ANSWER_TIMEOUT.toMillis());
      socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      socket.startHandshake();
      return new RawRegistryConnection(socket, null);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Connects to {@code registry} with a fresh identity over a socket that counts the TLS records it
   * receives ({@link #recordsReceived}), and completes the TLS handshake.
   */
  static RawRegistryConnection countingRecords(RegistryServer registry) throws IOException {
    InetSocketAddress address = registry.address();
    RecordCountingSocket plain = new RecordCountingSocket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(address, (int) ANSWER_TIMEOUT.toMillis());
      SSLSocket socket =
          (SSLSocket)
              context(registry.peerId(), Identity.generate("raw"))
                  .getSocketFactory()
                  .createSocket(plain, address.getHostString(), address.getPort(), true);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
      socket.startHandshake();
      return new RawRegistryConnection(socket, plain);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static SSLContext context(PeerId registryId, Identity identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          keyManagers(identity), new TrustManager[] {new PinnedTrustManager(registryId)}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up a TLS 1.3 client context", e);
    }
  }

  /**
   * How many TLS records this connection has read; only if opened with {@link #countingRecords}.
   */
  int recordsReceived() {
    if (records == null) {
      throw new IllegalStateException("this connection does not count records");
    }
    return records.records();
  }

  private static javax.net.ssl.KeyManager[] keyManagers(Identity identity)
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
   * Writes each message as one CONTROL frame, all in one write, so that the registry reads them
   * together.
   */
  void send(Message... messages) throws IOException {
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
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes the readable bytes of {@code frame} as they are, inside TLS, and releases it. */
  void sendRaw(ByteBuf frame) throws IOException {
    try {
      sendRaw(ByteBufUtil.getBytes(frame));
    } finally {
      frame.release();
    }
  }

  /** The next message the registry sends within {@code timeout}; presence changes included. */
  Message receive(Duration timeout) throws IOException {
    return receive(timeout, false);
  }

  /**
   * The next message the registry sends within {@code timeout}, passing over presence changes if
   * {@code skipPresence}. Throws {@link SocketTimeoutException} when none comes in time and {@link
   * EOFException} when the registry closes first.
   */
  Message receive(Duration timeout, boolean skipPresence) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
      int length = in.readInt();
      if (length < 1 || length > Limits.MAX_FRAME_LENGTH) {
        throw new ProtocolException("the registry sent a frame of length " + length);
      }
      byte[] frame = new byte[4 + length];
      ByteBuf buf = Unpooled.wrappedBuffer(frame);
      buf.setInt(0, length);
      in.readFully(frame, 4, length);
      Object decoded = FrameDecoder.decodeFrame(buf);
      if (decoded instanceof PresenceChange && skipPresence) {
        continue;
      }
      if (decoded instanceof Message message) {
        return message;
      }
      throw new ProtocolException("the registry sent a frame that is not a message: " + decoded);
    }
  }

  /**
   * True if the registry closes the connection within {@code timeout} (end of stream, a reset or a
   * TLS error) without sending anything more; false if it is still open then. Fails the test if a
   * message arrives first.
   */
  boolean closedByPeer(Duration timeout) throws IOException {
    try {
      Message unexpected = receive(timeout);
      throw new AssertionError("expected the registry to close, but it sent " + unexpected);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException | SSLException | SocketException e) {
      return true;
    }
  }

  /** Exchanges protocol versions: sends Hello in the current version and expects Welcome. */
  Welcome hello() throws IOException {
    send(new Hello(ProtocolVersion.CURRENT, "raw-test"));
    Message answer = receive(ANSWER_TIMEOUT);
    assertThat(answer).as("answer to Hello").isInstanceOf(Welcome.class);
    return (Welcome) answer;
  }

  /** Sends {@code request} and returns the first answer that is not a presence change. */
  Message ask(Message request) throws IOException {
    send(request);
    return receive(ANSWER_TIMEOUT, true);
  }

  /** A fresh request id. */
  int nextId() {
    return nextRequestId++;
  }

  /** Creates the account {@code name} bound to this connection's certificate. */
  void register(String name, String password) throws IOException {
    int id = nextRequestId++;
    send(new Register(id, name, password));
    assertThat(receive(ANSWER_TIMEOUT, true)).as("answer to Register").isEqualTo(new Done(id));
  }

  /**
   * Logs in (visible, listen port 40000) and returns the LoginOk, after reading the online list
   * pages that follow it.
   */
  LoginOk login(String name, String password) throws IOException {
    int id = nextRequestId++;
    send(new Login(id, name, password, 40000, true));
    Message answer = receive(ANSWER_TIMEOUT, true);
    assertThat(answer).as("answer to Login").isInstanceOf(LoginOk.class);
    Message page;
    do {
      page = receive(ANSWER_TIMEOUT, true);
      assertThat(page).as("online list after LoginOk").isInstanceOf(OnlinePage.class);
    } while (!((OnlinePage) page).last());
    return (LoginOk) answer;
  }

  /** Hello, Register and Login in one: a logged-in session of {@code name}. */
  LoginOk helloRegisterLogin(String name, String password) throws IOException {
    hello();
    register(name, password);
    return login(name, password);
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
        throw new CertificateException("the registry presented no certificate");
      }
      PeerId presented = PeerId.of(chain[0]);
      if (!presented.equals(expected)) {
        throw new CertificateException("expected registry " + expected + ", got " + presented);
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
