package p2pchat.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import p2pchat.peer.broadcast.Broadcasts;
import p2pchat.peer.chat.Conversations;
import p2pchat.peer.direct.DirectNetwork;
import p2pchat.peer.direct.LinkPool;
import p2pchat.peer.group.Groups;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.remote.RemoteCommands;
import p2pchat.peer.remote.RemoteRequests;

/**
 * How a node is put together, the steps both ways of starting share: open the profile, listen for
 * peers, and build the features on a directory of peers. Each failure is a {@link NodeException}
 * with a sentence.
 */
final class NodeWiring {
  private NodeWiring() {}

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
   * NodeLinks#ready} (a dialer is told to try again), file transfers until {@code files} gives the
   * node's file sharing.
   */
  static DirectNetwork listen(
      NodeConfig config,
      Profile profile,
      InetSocketAddress listen,
      NodeLinks links,
      Supplier<NodeFiles> files)
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
