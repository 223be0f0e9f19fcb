package p2pchat.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import p2pchat.peer.chat.ConversationInfo;
import p2pchat.peer.chat.Conversations;
import p2pchat.peer.friends.FriendStatus;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.peer.group.GroupListing;
import p2pchat.peer.group.MemberInfo;
import p2pchat.peer.net.DirectNetwork;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.profile.ProfileLock;
import p2pchat.peer.rendezvous.FriendsRendezvous;
import p2pchat.peer.rendezvous.RegistryRendezvous;
import p2pchat.peer.rendezvous.Rendezvous;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;

/**
 * The node a person runs: listening for direct connections, meeting the others through a {@link
 * Rendezvous} (a registry, or serverless a table of friends), holding 1:1 conversations,
 * broadcasts, group chats and remote commands. It has no user interface: commands are methods that
 * return at once, and what happens is published as {@link NodeEvent}s to any number of subscribers,
 * so that a terminal, a web page or a test can drive it alike. All state changes run on one actor
 * thread ({@link NodeActor}), so events come out in one order, numbered, and listeners are called
 * on it, never on a network thread. A chat text in an open, connected conversation skips the actor:
 * it goes from the caller's thread straight to the connection.
 */
public final class Node implements AutoCloseable {
  /** What {@code whoami} shows; {@code observed} is "-" without a registry. */
  public record Self(
      String name, PeerId peerId, InetSocketAddress listen, String observed, boolean visible) {}

  /** A node's parts, built by {@link NodeWiring}. */
  record Parts(
      NodeConfig config,
      Profile profile,
      NodeActor actor,
      EventStream stream,
      Rendezvous rendezvous,
      DirectNetwork network,
      NodeFiles files,
      NodeLinks.Parts features) {}

  private final NodeConfig config;
  private final Profile profile;
  private final NodeActor actor;
  private final EventStream stream;
  private final Rendezvous rendezvous;
  private final DirectNetwork network;
  private final NodeFiles files;
  private final NodeLinks.Parts parts;
  private volatile ProfileLock lock;

  Node(Parts p) {
    this.config = p.config();
    this.profile = p.profile();
    this.actor = p.actor();
    this.stream = p.stream();
    this.rendezvous = p.rendezvous();
    this.network = p.network();
    this.files = p.files();
    this.parts = p.features();
  }

  /**
   * Opens the profile, listens for peers and logs in to the registry (registering first if the
   * config says so); {@code events} hears every event from the first. Throws with a sentence when
   * any of it fails.
   */
  public static Node start(NodeConfig config, Consumer<NodeEvent> events) throws NodeException {
    return NodeWiring.locked(
        config,
        profile ->
            NodeWiring.start(
                config, profile, sink -> new RegistryRendezvous(config, profile, sink), events));
  }

  /**
   * Starts without a registry: the friends in {@code table} are the only peers, dialed at their
   * table address; this user's own line gives the listen port (unless the config's listen address
   * names one). Throws with a sentence when the table has no line for this user, or gives it a
   * PeerId other than its profile's.
   */
  public static Node start(NodeConfig config, FriendsTable table, Consumer<NodeEvent> events)
      throws NodeException {
    return NodeWiring.locked(
        config,
        profile ->
            NodeWiring.start(
                config, profile, FriendsRendezvous.of(config, profile, table), events));
  }

  /** Starts the node in {@code parts}: the rendezvous, then the groups; a failure closes it. */
  static Node started(Parts parts) throws NodeException {
    Node node = new Node(parts);
    NodeLinks.Parts features = parts.features();
    try {
      parts
          .rendezvous()
          .start(
              parts.network().listenAddress(),
              new Rendezvous.Hooks() {
                @Override
                public void online() {
                  parts.files().online(); // publish the shared files, resume downloads
                }

                @Override
                public void cameOnline(String name) {
                  parts.actor().execute(() -> features.groups().online(name));
                  parts.files().someoneOnline(); // a waiting download may find its source now
                }
              });
    } catch (NodeException e) {
      node.close();
      throw e;
    }
    parts.actor().execute(features.groups()::start);
    return node;
  }

  // ---- the event stream ----

  /** Hands every event from now on to {@code listener}, on the node's thread, until closed. */
  public Subscription subscribe(Consumer<NodeEvent.Stamped> listener) {
    return actor.ask(() -> stream.subscribe(-1, listener));
  }

  /**
   * Hands {@code listener} the events after number {@code afterSeq} still held (the last {@value
   * EventStream#CAPACITY}), then every event from now on, with no gap and no duplicate between the
   * two; {@link Subscription#replayed} says whether some asked for were gone.
   */
  public Subscription subscribe(long afterSeq, Consumer<NodeEvent.Stamped> listener) {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("events after " + afterSeq + ": numbers start at 1");
    }
    return actor.ask(() -> stream.subscribe(afterSeq, listener));
  }

  /** The events after number {@code seq}, or word that some of them are no longer held. */
  public EventReplay eventsAfter(long seq) {
    return actor.ask(() -> stream.after(seq));
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
   * Sends {@code text} to {@code name}, asking to chat first if no conversation is open, and
   * returns the id its {@link NodeEvent.MessageSent} (or {@link NodeEvent.MessageDropped}) will
   * carry. Texts sent from one thread to one user arrive in the order sent.
   */
  public long send(String name, String text) {
    return parts.conversations().submit(name, text, actor);
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
    List<String> to = rendezvous.broadcastRecipients();
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

  /** The members of {@code group} (empty, with a failure event, if no such group). */
  public List<MemberInfo> groupMembers(String group) {
    return actor.ask(() -> parts.groups().members(group));
  }

  /** This user's groups and then the invitations waiting for an answer. */
  public List<GroupListing> groups() {
    return actor.ask(() -> parts.groups().list());
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
    rendezvous.refresh();
  }

  /** Shows or hides this user from the online list, announcements and lookups. */
  public void setVisible(boolean visible) {
    rendezvous.setVisible(visible);
  }

  /**
   * Logs out of the registry; open conversations go on, nothing logs in again until {@link #login}.
   */
  public void logout() {
    rendezvous.logout();
  }

  /** Logs in again after a logout (or a kick). */
  public void login() {
    rendezvous.login();
  }

  /** Whether this node runs without a registry, with a friends table. */
  public boolean serverless() {
    return rendezvous.serverless();
  }

  /** Everyone else online, as last heard from the registry, sorted by name (serverless: none). */
  public List<PeerInfo> users() {
    return rendezvous.online();
  }

  /** Serverless: each friend with its address, connection and PeerId; empty with a registry. */
  public List<FriendStatus> friends() {
    return actor.ask(
        () ->
            rendezvous.friends().stream()
                .map(
                    f ->
                        FriendStatus.of(
                            f, parts.links().open(f.name()).isPresent(), profile.contacts()))
                .toList());
  }

  /** The friends' names but this user's (serverless), sorted; empty with a registry. */
  public List<String> friendNames() {
    return rendezvous.friends().stream().map(f -> f.name()).toList();
  }

  /** The conversations, sorted by name. */
  public List<ConversationInfo> conversations() {
    return actor.ask(() -> parts.conversations().list());
  }

  /** Who this node is and where it is reachable. */
  public Self whoami() {
    return new Self(
        config.userName(),
        profile.identity().peerId(),
        network.listenAddress(),
        rendezvous.observed(),
        rendezvous.visible());
  }

  /** The profile this node runs on. */
  public Profile profile() {
    return profile;
  }

  /** Logs out (so that others see a logout rather than a drop), then closes. */
  public void quit() {
    rendezvous.quit();
    close();
  }

  /** Closes every connection and stops; does not log out (the registry sees a disconnect). */
  @Override
  public void close() {
    rendezvous.close();
    files.close();
    network.close();
    actor.close();
    ProfileLock held = lock;
    if (held != null) {
      try {
        held.close(); // last: profile.db and the rest are closed
      } catch (IOException e) {
        // the operating system releases it when the process ends
      }
    }
  }

  /** Releases {@code lock} when this node closes. */
  void holding(ProfileLock lock) {
    this.lock = lock;
  }
}
