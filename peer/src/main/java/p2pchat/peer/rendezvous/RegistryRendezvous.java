package p2pchat.peer.rendezvous;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import p2pchat.peer.NodeConfig;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeException;
import p2pchat.peer.friends.Friend;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.transfer.download.Downloads;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryException;

/**
 * The registry as the rendezvous: its session (logged in again by itself when lost), who is online,
 * lookups and identity checks, and the file index the node publishes to and searches.
 */
public final class RegistryRendezvous implements Rendezvous {
  private final NodeConfig config;
  private final Profile profile;
  private final Consumer<NodeEvent> events;
  private final RegistrySession session;
  private final Presence presence;
  private final RegistryCommands commands;
  private final RegistryDirectory directory;
  private final RegistryFiles files;
  private final FilePublisher publisher;
  private volatile Hooks hooks;
  private volatile InetSocketAddress listening;

  /** The registry {@code config} names, for the user of {@code profile}, telling {@code events}. */
  public RegistryRendezvous(NodeConfig config, Profile profile, Consumer<NodeEvent> events) {
    this.config = config;
    this.profile = profile;
    this.events = events;
    this.presence = new Presence(events, name -> hooks.cameOnline(name));
    this.session = new RegistrySession(config, profile, events, presence::changed, this::loggedIn);
    this.commands = new RegistryCommands(session, presence, events);
    this.directory = new RegistryDirectory(session, profile.contacts());
    this.files = new RegistryFiles(session, events);
    this.publisher = new FilePublisher(config.userName(), session, events);
  }

  @Override
  public InetSocketAddress listenAddress() {
    return config.listen();
  }

  @Override
  public void start(InetSocketAddress listening, Hooks hooks) throws NodeException {
    this.listening = listening;
    this.hooks = hooks;
    session.listeningOn(listening.getPort());
    session.login(config.register());
  }

  private void loggedIn(LoginResult result) {
    hooks.online();
    presence.loggedIn(result);
    events.accept(
        new NodeEvent.LoggedIn(
            config.userName(),
            profile.identity().peerId(),
            listening,
            presence.observed(),
            presence.sorted()));
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
    return false;
  }

  @Override
  public boolean openByDefault(String name) {
    return false;
  }

  @Override
  public List<String> broadcastRecipients() {
    return presence.sorted().stream().map(PeerInfo::name).toList();
  }

  @Override
  public List<PeerInfo> online() {
    return presence.sorted();
  }

  @Override
  public List<Friend> friends() {
    return List.of();
  }

  @Override
  public String observed() {
    return presence.observed();
  }

  @Override
  public boolean visible() {
    return commands.visible();
  }

  @Override
  public void refresh() {
    commands.refresh();
  }

  @Override
  public void setVisible(boolean visible) {
    commands.setVisible(visible);
  }

  @Override
  public void logout() {
    commands.logout();
  }

  @Override
  public void login() {
    commands.login();
  }

  @Override
  public void publishSoon(Supplier<List<SharedFile>> list) {
    publisher.publishSoon(list);
  }

  @Override
  public List<FileEntry> locateFile(FileHash sha256) throws IOException {
    try {
      return session.client().locateFile(sha256);
    } catch (RegistryException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void listFiles(String owner) {
    files.list(owner);
  }

  @Override
  public void searchFiles(String text) {
    files.search(text);
  }

  @Override
  public void download(String owner, String path, Path toDir, Downloads downloads) {
    files.get(owner, path, toDir, downloads);
  }

  @Override
  public void quit() {
    commands.logoutBeforeQuitting();
  }

  @Override
  public void close() {
    session.close();
    publisher.close();
  }
}
