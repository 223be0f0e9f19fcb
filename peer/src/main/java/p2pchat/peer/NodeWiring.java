package p2pchat.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import p2pchat.peer.broadcast.Broadcasts;
import p2pchat.peer.chat.Conversations;
import p2pchat.peer.group.Groups;
import p2pchat.peer.net.DirectNetwork;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.profile.ProfileLock;
import p2pchat.peer.remote.RemoteCommands;
import p2pchat.peer.remote.RemoteRequests;
import p2pchat.peer.rendezvous.PeerDirectory;
import p2pchat.peer.rendezvous.Rendezvous;

/**
 * How a node is put together, the same with either rendezvous: open the profile, the event stream,
 * the rendezvous, the file sharing, listen for peers, and build the features on the rendezvous as
 * the directory of peers. Each failure is a {@link NodeException} with a sentence, and closes what
 * was opened before it.
 */
final class NodeWiring {
  private NodeWiring() {}

  /**
   * Builds and starts a node on {@code profile} with the rendezvous {@code rendezvousOn} makes for
   * the node's event sink; {@code listener} hears every event from the first.
   */
  static Node start(
      NodeConfig config,
      Profile profile,
      Function<Consumer<NodeEvent>, Rendezvous> rendezvousOn,
      Consumer<NodeEvent> listener)
      throws NodeException {
    NodeActor actor = new NodeActor(config.userName());
    EventStream stream = new EventStream(EventStream.CAPACITY, Clock.systemUTC());
    stream.subscribe(0, stamped -> listener.accept(stamped.event())); // before any event exists
    Consumer<NodeEvent> events = actor.events(stream);
    NodeLinks nodeLinks = new NodeLinks(profile, actor, events);
    Rendezvous rendezvous = rendezvousOn.apply(events);
    NodeFiles files;
    DirectNetwork network;
    try {
      files = NodeFiles.start(config.userName(), profile, rendezvous, nodeLinks, events);
    } catch (NodeException e) {
      rendezvous.close();
      actor.close();
      throw e;
    }
    try {
      network = listen(config, profile, rendezvous.listenAddress(), nodeLinks, files);
    } catch (NodeException e) {
      files.close();
      rendezvous.close();
      actor.close();
      throw e;
    }
    NodeLinks.Parts features =
        wire(
            config,
            profile,
            nodeLinks,
            network,
            rendezvous,
            rendezvous::openByDefault,
            actor,
            events);
    return Node.started(
        new Node.Parts(config, profile, actor, stream, rendezvous, network, files, features));
  }

  /** What starts a node on an opened profile. */
  @FunctionalInterface
  interface OnProfile {
    Node start(Profile profile) throws NodeException;
  }

  /**
   * The node {@code onProfile} starts on the profile {@code config} names, locked for as long as
   * the node runs: a second node on the same profile (in this process or another) is refused with a
   * sentence, before it opens anything in it.
   */
  static Node locked(NodeConfig config, OnProfile onProfile) throws NodeException {
    ProfileLock lock;
    try {
      lock = ProfileLock.acquire(config.profileDir());
    } catch (ProfileLock.AlreadyRunning e) {
      throw new NodeException(e.getMessage(), e);
    } catch (IOException e) {
      throw new NodeException(
          "cannot lock the profile in " + config.profileDir() + ": " + e.getMessage(), e);
    }
    try {
      Node node = onProfile.start(openProfile(config));
      node.holding(lock);
      return node;
    } catch (NodeException | RuntimeException e) {
      try {
        lock.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** The profile {@code config} names, created if new. */
  static Profile openProfile(NodeConfig config) throws NodeException {
    try {
      return Profile.open(config.profileDir());
    } catch (IOException e) {
      throw new NodeException(
          "cannot open the profile in " + config.profileDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Listens for peers on {@code listen}; links are refused until {@code links} is {@link
   * NodeLinks#ready} (a dialer is told to try again); file transfers go to {@code files}.
   */
  static DirectNetwork listen(
      NodeConfig config,
      Profile profile,
      InetSocketAddress listen,
      NodeLinks links,
      NodeFiles files)
      throws NodeException {
    try {
      return DirectNetwork.start(
          profile.identity(),
          config.userName(),
          listen,
          config.idleTimeout(),
          NodeFiles.serving(links, files));
    } catch (SSLException | RuntimeException e) {
      throw new NodeException("cannot listen for peers on " + listen + ": " + e.getMessage(), e);
    }
  }

  /**
   * Builds the features on {@code directory} and starts serving links; conversations with those
   * {@code openByDefault} accepts open without a request.
   */
  static NodeLinks.Parts wire(
      NodeConfig config,
      Profile profile,
      NodeLinks nodeLinks,
      DirectNetwork network,
      PeerDirectory directory,
      Predicate<String> openByDefault,
      NodeActor actor,
      Consumer<NodeEvent> events) {
    LinkPool links = new LinkPool(nodeLinks, actor);
    String me = config.userName();
    RemoteCommands remote = RemoteCommands.load(profile.dir(), links, actor, events);
    NodeLinks.Parts parts =
        new NodeLinks.Parts(
            links,
            new Conversations(me, links, openByDefault, events),
            new Broadcasts(
                profile.identity(), me, links, directory, profile.contacts(), actor, events),
            new Groups(me, profile.dir(), links, actor, events),
            remote,
            new RemoteRequests(me, links, remote.answerTimeout(), actor, events));
    nodeLinks.ready(network, directory, parts);
    return parts;
  }
}
