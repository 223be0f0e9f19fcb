package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import p2pchat.protocol.ProtocolVersion;
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
import p2pchat.protocol.testing.RawTlsConnection;

/**
 * A {@link RawTlsConnection} to a registry, with the steps most tests take before the one they are
 * about: the version exchange, registering, logging in, a request and its answer.
 */
final class RawRegistryConnection extends RawTlsConnection {
  /** How long the convenience methods wait for each answer. */
  static final Duration ANSWER_TIMEOUT = TIMEOUT;

  private final RecordCountingSocket records; // null unless opened with countingRecords
  private int nextRequestId = 1;

  private RawRegistryConnection(SSLSocket socket, RecordCountingSocket records) throws IOException {
    super(socket);
    this.records = records;
  }

  /** Connects to {@code registry} with a fresh identity and completes the TLS handshake. */
  static RawRegistryConnection open(RegistryServer registry) throws IOException {
    return open(registry.address(), registry.peerId(), Identity.generate("raw"));
  }

  /**
   * Connects to {@code address}, presenting {@code identity} and accepting only a server whose
   * certificate makes {@code registryId}, and completes the TLS handshake. (Public as the method of
   * {@link RawTlsConnection} it hides.)
   */
  public static RawRegistryConnection open(
      InetSocketAddress address, PeerId registryId, Identity identity) throws IOException {
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
    return new RawRegistryConnection(
        handshake(new Socket(), localHost, address, registryId, identity), null);
  }

  /**
   * Connects to {@code registry} with a fresh identity over a socket that counts the TLS records it
   * receives ({@link #recordsReceived}), and completes the TLS handshake.
   */
  static RawRegistryConnection countingRecords(RegistryServer registry) throws IOException {
    RecordCountingSocket plain = new RecordCountingSocket();
    SSLSocket socket =
        handshake(plain, null, registry.address(), registry.peerId(), Identity.generate("raw"));
    return new RawRegistryConnection(socket, plain);
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

  /**
   * The next message the registry sends within {@code timeout}, passing over presence changes if
   * {@code skipPresence}. Throws {@link SocketTimeoutException} when none comes in time.
   */
  Message receive(Duration timeout, boolean skipPresence) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Message message = receive(Duration.ofNanos(deadline - System.nanoTime()));
      if (!(skipPresence && message instanceof PresenceChange)) {
        return message;
      }
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
}
