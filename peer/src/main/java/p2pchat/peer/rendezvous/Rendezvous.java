package p2pchat.peer.rendezvous;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import p2pchat.peer.NodeException;
import p2pchat.peer.friends.Friend;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.PeerInfo;

/**
 * Where a node meets the others: who is where and which PeerId to expect ({@link PeerDirectory}),
 * who is there to talk to, the session (visibility, logging out and in) and the index of shared
 * files. Two kinds: {@link RegistryRendezvous} and {@link FriendsRendezvous} (serverless, a table
 * of friends); a command that makes no sense for one answers with a failure event. Commands return
 * at once and tell their outcome as events; queries answer from what is known locally.
 */
public interface Rendezvous extends PeerDirectory, AutoCloseable {
  /** What the rendezvous tells the node it serves. */
  interface Hooks {
    /** A session began (a login, again after a lost connection; serverless: the start). */
    void online();

    /** {@code name} came online: a waiting message or download may reach it now. */
    void cameOnline(String name);
  }

  /** Where the node should listen for peers. */
  InetSocketAddress listenAddress();

  /**
   * Starts meeting others, the node listening at {@code listening}: logs in, or (serverless) says
   * who the friends are. Throws with a sentence when it cannot.
   */
  void start(InetSocketAddress listening, Hooks hooks) throws NodeException;

  /** Whether this is a table of friends rather than a registry (for how a face shows it). */
  boolean serverless();

  /** Whether a conversation with {@code name} opens without a request (friends agreed already). */
  boolean openByDefault(String name);

  /** Everyone a broadcast goes to (this user may be among them). */
  List<String> broadcastRecipients();

  /** Everyone else online, as last heard, sorted by name (serverless: none). */
  List<PeerInfo> online();

  /** The friends in the table but this user (with a registry: none), in table order. */
  List<Friend> friends();

  /** The address the registry sees this node at, "-" when it does not know or there is none. */
  String observed();

  /** Whether others see this user (always, serverless). */
  boolean visible();

  /** Asks for the online list again; answered by a {@code Users} event. */
  void refresh();

  /** Shows or hides this user from the online list, announcements and lookups. */
  void setVisible(boolean visible);

  /** Ends the session; nothing begins one again until {@link #login}. */
  void logout();

  /** Begins a session again after a logout (or a kick). */
  void login();

  /** Publishes {@code files} as this user's shared files, in a moment. */
  void publishSoon(Supplier<List<SharedFile>> files);

  /** Who else is known to share the content {@code sha256}; throws when it cannot ask. */
  List<FileEntry> locateFile(FileHash sha256) throws IOException;

  /** Lists the files of {@code owner} (empty: everyone's); answered by a {@code Files} event. */
  void listFiles(String owner);

  /** Searches everyone's files for {@code text}; answered by a {@code Files} event. */
  void searchFiles(String text);

  /**
   * Downloads the file {@code owner} shares as {@code path} into {@code toDir} with {@code
   * downloads}.
   */
  void download(String owner, String path, Path toDir, Downloads downloads);

  /** Ends the session politely, on this thread (the node is quitting). */
  void quit();

  /** Stops; does not log out. */
  @Override
  void close();
}
