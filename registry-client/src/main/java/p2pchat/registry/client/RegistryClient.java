package p2pchat.registry.client;

import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import p2pchat.protocol.Limits;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.ListFiles;
import p2pchat.protocol.message.FileIndexMessage.LocateFile;
import p2pchat.protocol.message.FileIndexMessage.PublishFiles;
import p2pchat.protocol.message.FileIndexMessage.SearchFiles;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
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
import p2pchat.protocol.tls.PeerIdPolicy;

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

  private final RegistryConnection connection;
  private final Options options;
  private volatile ScheduledFuture<?> heartbeat;
  private volatile DatagramChannel udp;

  private RegistryClient(RegistryConnection connection, Options options) {
    this.connection = connection;
    this.options = options;
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
    return new RegistryClient(
        RegistryConnection.open(
            address,
            identity,
            registryPolicy,
            new ClientHandler(listener),
            options.requestTimeout(),
            "registry-client"),
        options);
  }

  /** The PeerId the registry presented (its certificate fingerprint). */
  public PeerId registryId() {
    return connection.registryId();
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

  /**
   * Publishes the files this user shares, replacing the list published before (long lists go in
   * pages); throws with {@code TOO_MANY_FILES} when the registry keeps fewer.
   */
  public void publishFiles(List<SharedFile> files) throws RegistryException {
    int from = 0;
    do {
      int to = Math.min(files.size(), from + Limits.MAX_FILES_PER_PAGE);
      List<SharedFile> page = files.subList(from, to);
      boolean first = from == 0;
      boolean last = to == files.size();
      request(id -> new PublishFiles(id, first, last, page), "file list publication");
      from = to;
    } while (from < files.size());
  }

  /**
   * The files {@code owner} shares (throws with {@code USER_OFFLINE} when not online), or with an
   * empty {@code owner} those of every other online user.
   */
  public List<FileEntry> listFiles(String owner) throws RegistryException {
    return files(request(id -> new ListFiles(id, owner), "file listing"));
  }

  /** The files of other online users whose path contains every word of {@code text}. */
  public List<FileEntry> searchFiles(String text) throws RegistryException {
    return files(request(id -> new SearchFiles(id, text), "file search"));
  }

  /** The files of other online users with content {@code sha256}. */
  public List<FileEntry> locateFile(FileHash sha256) throws RegistryException {
    return files(request(id -> new LocateFile(id, sha256), "file location"));
  }

  private static List<FileEntry> files(Object answer) {
    return ((List<?>) answer).stream().map(FileEntry.class::cast).toList();
  }

  /** Ends the session; the registry then closes the connection. */
  public void logout() throws RegistryException {
    stopHeartbeats();
    request(Logout::new, "logout");
  }

  /** This end of the connection to the registry (the address the registry should observe). */
  public InetSocketAddress localAddress() {
    return connection.localAddress();
  }

  /** Whether the connection to the registry is open. */
  public boolean isConnected() {
    return connection.isConnected();
  }

  private Object request(IntFunction<Message> make, String what) throws RegistryException {
    return connection.request(make, what);
  }

  private void startHeartbeats(LoginOk ok) {
    long interval = Math.max(50, ok.timeoutMillis() / 3);
    Channel channel = connection.channel();
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

  /**
   * Closes the connection without logging out (the registry announces a disconnect). Closing again
   * does nothing.
   */
  @Override
  public void close() {
    stopHeartbeats();
    connection.close();
  }
}
