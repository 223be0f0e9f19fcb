package p2pchat.peer.rendezvous;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.peer.NodeException;
import p2pchat.peer.friends.Friend;
import p2pchat.peer.friends.FriendsDirectory;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.PeerInfo;

/**
 * A serverless node's table of friends as the rendezvous: friends are dialed at their table address
 * and chat without asking; there is no online list, session or file index, so the commands about
 * those answer with a failure event that says so.
 */
public final class FriendsRendezvous implements Rendezvous {
  private final NodeConfig config;
  private final Profile profile;
  private final FriendsTable table;
  private final Friend me;
  private final FriendsDirectory directory;
  private final Consumer<NodeEvent> events;

  private FriendsRendezvous(
      NodeConfig config,
      Profile profile,
      FriendsTable table,
      Friend me,
      Consumer<NodeEvent> events) {
    this.config = config;
    this.profile = profile;
    this.table = table;
    this.me = me;
    this.directory = new FriendsDirectory(table, profile.contacts());
    this.events = events;
  }

  /**
   * The friends in {@code table}, for the user {@code config} names; throws with a sentence when
   * the table has no line for this user, or gives it a PeerId other than its profile's.
   */
  public static Function<Consumer<NodeEvent>, Rendezvous> of(
      NodeConfig config, Profile profile, FriendsTable table) throws NodeException {
    Friend me;
    try {
      me = table.self(config.userName(), profile.identity().peerId());
    } catch (IOException e) {
      throw new NodeException(e.getMessage(), e);
    }
    return events -> new FriendsRendezvous(config, profile, table, me, events);
  }

  /** The configured address, or with port 0 there the port of this user's line. */
  @Override
  public InetSocketAddress listenAddress() {
    return config.listen().getPort() != 0
        ? config.listen()
        : new InetSocketAddress(config.listen().getAddress(), me.port());
  }

  @Override
  public void start(InetSocketAddress listening, Hooks hooks) {
    hooks.online();
    events.accept(
        new NodeEvent.ServerlessStarted(
            me.name(),
            profile.identity().peerId(),
            listening,
            friends().stream().map(Friend::name).toList()));
  }

  @Override
  public Target locate(String name) throws LinkException {
    return directory.locate(name);
  }

  @Override
  public void check(String name, PeerId peerId) throws LinkException {
    directory.check(name, peerId);
  }

  @Override
  public String authority() {
    return directory.authority();
  }

  @Override
  public boolean serverless() {
    return true;
  }

  @Override
  public boolean openByDefault(String name) {
    return table.get(name).isPresent();
  }

  /** Every friend in the table, this user too. */
  @Override
  public List<String> broadcastRecipients() {
    return table.all().stream().map(Friend::name).toList();
  }

  @Override
  public List<PeerInfo> online() {
    return List.of();
  }

  @Override
  public List<Friend> friends() {
    return table.all().stream().filter(f -> !isMe(f.name())).toList();
  }

  @Override
  public String observed() {
    return "-";
  }

  @Override
  public boolean visible() {
    return true;
  }

  @Override
  public void refresh() {
    noRegistry("refresh the online list");
  }

  @Override
  public void setVisible(boolean visible) {
    noRegistry("change visibility");
  }

  @Override
  public void logout() {
    noRegistry("log out");
  }

  @Override
  public void login() {
    noRegistry("log in");
  }

  /** Nothing to publish to: friends ask each other directly. */
  @Override
  public void publishSoon(Supplier<List<SharedFile>> files) {}

  /** Nobody to ask: a download's only source is the owner. */
  @Override
  public List<FileEntry> locateFile(FileHash sha256) {
    return List.of();
  }

  @Override
  public void listFiles(String owner) {
    noFileIndex("list files");
  }

  @Override
  public void searchFiles(String text) {
    noFileIndex("search files");
  }

  @Override
  public void download(String owner, String path, Path toDir, Downloads downloads) {
    noFileIndex("download");
  }

  @Override
  public void quit() {}

  @Override
  public void close() {}

  private void noRegistry(String what) {
    events.accept(
        new NodeEvent.Failed(
            Code.NO_REGISTRY, "cannot " + what + ": this node runs without a registry"));
  }

  private void noFileIndex(String what) {
    events.accept(
        new NodeEvent.Failed(
            Code.NO_REGISTRY,
            "cannot " + what + ": finding shared files needs a registry, and this node has none"));
  }

  private boolean isMe(String name) {
    return name.toLowerCase(Locale.ROOT).equals(me.name().toLowerCase(Locale.ROOT));
  }
}
