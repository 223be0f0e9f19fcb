package p2pchat.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import p2pchat.peer.chat.Conversations;
import p2pchat.peer.direct.DirectNetwork;
import p2pchat.peer.friends.Friend;
import p2pchat.peer.friends.FriendsDirectory;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.registry.client.LoginResult;

/**
 * The node a person runs: listening for direct connections, logged in to a registry (or serverless,
 * with a table of friends), holding 1:1 conversations, broadcasts, group chats and remote commands.
 * It has no user interface: commands are methods that return at once, and what happens is published
 * as {@link NodeEvent}s, so that a terminal, a web page or a test can drive it alike. All state
 * changes run on one actor thread ({@link NodeActor}), so events come out in a consistent order,
 * and listeners are called on it, never on a network thread. A chat text in an open, connected
 * conversation skips the actor: it goes from the caller's thread straight to the connection.
 */
public final class Node implements AutoCloseable {
  /** What {@code whoami} shows; {@code observed} is "-" without a registry. */
  public record Self(
      String name, PeerId peerId, InetSocketAddress listen, String observed, boolean visible) {}

  private final NodeConfig config;
  private final Profile profile;
  private final NodeActor actor;
  private final Consumer<NodeEvent> events;
  private final NodeLinks nodeLinks;
  private final Presence presence;
  private final ServerlessFriends friends;
  private DirectNetwork network;
  private RegistrySession registry; // null when serverless
  private RegistryCommands registryCommands;
  private NodeLinks.Parts parts;
  private volatile NodeFiles files;

  private Node(
      NodeConfig config, Profile profile, FriendsTable table, Consumer<NodeEvent> listener) {
    this.config = config;
    this.profile = profile;
    this.friends = new ServerlessFriends(config.userName(), table);
    this.actor = new NodeActor(config.userName());
    this.events = actor.events(listener);
    this.nodeLinks = new NodeLinks(profile, actor, events);
    this.presence =
        new Presence(
            events,
            name -> {
              actor.execute(() -> parts.groups().online(name));
              NodeFiles f = files;
              if (f != null) {
                f.someoneOnline(); // a waiting download may find its source now
              }
            });
  }

  /**
   * Opens the profile, listens for peers and logs in to the registry (registering first if the
   * config says so). Throws with a sentence when any of it fails.
   */
  public static Node start(NodeConfig config, Consumer<NodeEvent> events) throws NodeException {
    Node node = new Node(config, NodeWiring.openProfile(config), null, events);
    node.listen(config.listen());
    node.registry =
        new RegistrySession(
            config,
            node.profile,
            node.network.listenAddress().getPort(),
            node.events,
            node.presence::changed,
            node::loggedIn);
    node.registryCommands = new RegistryCommands(node.registry, node.presence, node.events);
    PeerDirectory directory = new RegistryDirectory(node.registry, node.profile.contacts());
    node.wire(directory);
    node.startFiles(directory);
    try {
      node.registry.login(config.register());
    } catch (NodeException e) {
      node.close();
      throw e;
    }
    node.actor.execute(node.parts.groups()::start);
    return node;
  }

  /**
   * Starts without a registry: the friends in {@code table} are the only peers, dialed at their
   * table address; this user's own line gives the listen port (unless the config's listen address
   * names one). Throws with a sentence when the table has no line for this user, or gives it a
   * PeerId other than its profile's.
   */
  public static Node start(NodeConfig config, FriendsTable table, Consumer<NodeEvent> events)
      throws NodeException {
    Profile profile = NodeWiring.openProfile(config);
    Friend me;
    try {
      me = table.self(config.userName(), profile.identity().peerId());
    } catch (IOException e) {
      throw new NodeException(e.getMessage(), e);
    }
    Node node = new Node(config, profile, table, events);
    node.registryCommands = new RegistryCommands(null, node.presence, node.events);
    node.listen(
        config.listen().getPort() != 0
            ? config.listen()
            : new InetSocketAddress(config.listen().getAddress(), me.port()));
    PeerDirectory directory = new FriendsDirectory(table, profile.contacts());
    node.wire(directory);
    node.startFiles(directory);
    node.files.serverless();
    node.events.accept(
        new NodeEvent.ServerlessStarted(
            me.name(),
            profile.identity().peerId(),
            node.network.listenAddress(),
            node.friends.names()));
    node.actor.execute(node.parts.groups()::start);
    return node;
  }

  private void listen(InetSocketAddress listen) throws NodeException {
    network = NodeWiring.listen(config, profile, listen, nodeLinks, () -> files);
  }

  private void wire(PeerDirectory directory) {
    parts =
        NodeWiring.wire(
            config, profile, nodeLinks, network, directory, friends::isFriend, actor, events);
  }

  /** Opens the file sharing on {@code directory}; a failure closes the node. */
  private void startFiles(PeerDirectory directory) throws NodeException {
    try {
      files = NodeFiles.start(config.userName(), profile, directory, nodeLinks, registry, events);
    } catch (NodeException e) {
      close();
      throw e;
    }
  }

  private void loggedIn(LoginResult result) {
    NodeFiles f = files;
    if (f != null) {
      f.loggedIn(); // publish the shared files to the new session, resume downloads
    }
    presence.loggedIn(result);
    events.accept(
        new NodeEvent.LoggedIn(
            config.userName(),
            profile.identity().peerId(),
            network.listenAddress(),
            presence.observed(),
            presence.sorted()));
  }

  // ---- commands: each returns at once; outcomes arrive as events ----

  /** Asks {@code name} to chat. */
  public void requestChat(String name) {
    chat(c -> c.request(name));
  }

  /** Accepts {@code name}'s chat request. */
  public void accept(String name) {
    chat(c -> c.accept(name));
  }

  /** Declines {@code name}'s chat request. */
  public void decline(String name) {
    chat(c -> c.decline(name));
  }

  /**
   * Sends {@code text} to {@code name}, asking to chat first if no conversation is open. Texts sent
   * from one thread to one user arrive in the order sent.
   */
  public void send(String name, String text) {
    parts.conversations().submit(name, text, actor);
  }

  /** Ends the conversation with {@code name}. */
  public void closeConversation(String name) {
    chat(c -> c.close(name));
  }

  /** Runs {@code command} on the conversations, on the actor, in order with texts sent. */
  private void chat(Consumer<Conversations> command) {
    Conversations conversations = parts.conversations();
    conversations.later(actor, () -> command.accept(conversations));
  }

  /** Signs {@code text} and sends it to everyone online (serverless: every friend). */
  public void broadcast(String text) {
    List<String> to =
        friends.serverless()
            ? friends.everyone()
            : presence.sorted().stream().map(PeerInfo::name).toList();
    actor.execute(() -> parts.broadcasts().send(text, to));
  }

  /** Creates group {@code group} with this user as its only member. */
  public void createGroup(String group) {
    actor.execute(() -> parts.groups().create(group));
  }

  /** Invites {@code user} into {@code group}. */
  public void inviteToGroup(String group, String user) {
    actor.execute(() -> parts.groups().invite(group, user));
  }

  /** Accepts the invitation into {@code group}. */
  public void acceptGroup(String group) {
    actor.execute(() -> parts.groups().accept(group));
  }

  /** Declines the invitation into {@code group}. */
  public void declineGroup(String group) {
    actor.execute(() -> parts.groups().decline(group));
  }

  /** Leaves {@code group}; the other members are told. */
  public void leaveGroup(String group) {
    actor.execute(() -> parts.groups().leave(group));
  }

  /** Sends {@code text} to every member of {@code group}. */
  public void sendToGroup(String group, String text) {
    actor.execute(() -> parts.groups().say(group, text));
  }

  /**
   * The members of {@code group}, one line each (empty, with a failure event, if no such group).
   */
  public List<String> groupMembers(String group) {
    return actor.ask(() -> parts.groups().members(group));
  }

  /** This user's groups and pending invitations, one line each. */
  public List<String> groups() {
    return actor.ask(() -> parts.groups().describe());
  }

  /** The names of this user's groups. */
  public List<String> groupNames() {
    return actor.ask(() -> parts.groups().names());
  }

  /** Asks {@code name} to run its allowed command {@code commandLine} (command and arguments). */
  public void runRemote(String name, String commandLine) {
    actor.execute(() -> parts.requests().run(name, commandLine));
  }

  // ---- files ----

  /** Shares the folder {@code dir} (indexed, watched, published); the outcome comes as events. */
  public void share(Path dir) {
    files.share(dir);
  }

  /** Stops sharing the folder {@code dirOrLabel} (its path, or the name it is shared as). */
  public void unshare(String dirOrLabel) {
    files.unshare(dirOrLabel);
  }

  /** The folders shared now. */
  public List<ShareIndex.SharedFolder> shares() {
    return files.shares();
  }

  /**
   * Lists the files {@code owner} shares, or with an empty owner those of everyone online; answered
   * by a {@link NodeEvent.Files}.
   */
  public void listFiles(String owner) {
    files.list(owner);
  }

  /** Searches the files of everyone online; answered by a {@link NodeEvent.Files}. */
  public void searchFiles(String text) {
    files.search(text);
  }

  /**
   * Downloads the file {@code owner} shares as {@code path} into the folder {@code toDir}, from
   * every online user who shares the same content; progress and outcome come as events.
   */
  public void download(String owner, String path, Path toDir) {
    files.get(owner, path, toDir);
  }

  /** The downloads of this run and the unfinished ones of earlier runs, by id. */
  public List<TransferInfo> transfers() {
    return files.transfers();
  }

  /** Cancels download {@code id} and removes its partial file. */
  public void cancelTransfer(int id) {
    files.cancel(id);
  }

  /** Asks the registry for the online list again; answered by a {@link NodeEvent.Users}. */
  public void refresh() {
    registryCommands.refresh();
  }

  /** Shows or hides this user from the online list, announcements and lookups. */
  public void setVisible(boolean visible) {
    registryCommands.setVisible(visible);
  }

  /**
   * Logs out of the registry; open conversations go on, nothing logs in again until {@link #login}.
   */
  public void logout() {
    registryCommands.logout();
  }

  /** Logs in again after a logout (or a kick). */
  public void login() {
    registryCommands.login();
  }

  /** Whether this node runs without a registry, with a friends table. */
  public boolean serverless() {
    return friends.serverless();
  }

  /** Everyone else online, as last heard from the registry, sorted by name (serverless: none). */
  public List<PeerInfo> users() {
    return presence.sorted();
  }

  /** Serverless: each friend with its address, connection and PeerId, one line each. */
  public List<String> friends() {
    if (!friends.serverless()) {
      return List.of();
    }
    return actor.ask(
        () -> friends.lines(name -> parts.links().open(name).isPresent(), profile.contacts()));
  }

  /** The friends' names but this user's (serverless), sorted; empty with a registry. */
  public List<String> friendNames() {
    return friends.names();
  }

  /** The conversations, one line each. */
  public List<String> conversations() {
    return actor.ask(() -> parts.conversations().describe());
  }

  /** Who this node is and where it is reachable. */
  public Self whoami() {
    return new Self(
        config.userName(),
        profile.identity().peerId(),
        network.listenAddress(),
        presence.observed(),
        registryCommands.visible());
  }

  /** The profile this node runs on. */
  public Profile profile() {
    return profile;
  }

  /** Logs out (so that others see a logout rather than a drop), then closes. */
  public void quit() {
    if (registryCommands != null) {
      registryCommands.logoutBeforeQuitting();
    }
    close();
  }

  /** Closes every connection and stops; does not log out (the registry sees a disconnect). */
  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    NodeFiles f = files;
    if (f != null) {
      f.close();
    }
    if (network != null) {
      network.close();
    }
    actor.close();
  }
}
