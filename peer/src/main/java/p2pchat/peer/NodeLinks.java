package p2pchat.peer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import p2pchat.peer.broadcast.Broadcasts;
import p2pchat.peer.chat.Conversations;
import p2pchat.peer.group.Groups;
import p2pchat.peer.net.Dialer;
import p2pchat.peer.net.DirectNetwork;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.net.LinkListener;
import p2pchat.peer.net.LinkPool;
import p2pchat.peer.net.PeerLink;
import p2pchat.peer.net.Route;
import p2pchat.peer.profile.Profile;
import p2pchat.peer.remote.RemoteCommands;
import p2pchat.peer.remote.RemoteRequests;
import p2pchat.peer.rendezvous.PeerDirectory;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.PeerMessage.Broadcast;
import p2pchat.protocol.message.PeerMessage.ChatMessage;
import p2pchat.protocol.message.PeerMessage.GroupMessage;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;

/**
 * Between the direct-connection layer and the node's features: checks who dials in against the
 * directory, dials out where the directory says, pins contacts, and hands each message to the
 * feature it belongs to, on the actor thread.
 */
final class NodeLinks implements LinkListener, Dialer {
  /** The node's features that links feed. */
  record Parts(
      LinkPool links,
      Conversations conversations,
      Broadcasts broadcasts,
      Groups groups,
      RemoteCommands remote,
      RemoteRequests requests) {}

  private final Profile profile;
  private final Executor actor;
  private final Consumer<NodeEvent> events;
  private volatile DirectNetwork network;
  private volatile PeerDirectory directory;
  private volatile Parts parts;

  NodeLinks(Profile profile, Executor actor, Consumer<NodeEvent> events) {
    this.profile = profile;
    this.actor = actor;
    this.events = events;
  }

  /** Everything is in place: links are served from now on. */
  void ready(DirectNetwork network, PeerDirectory directory, Parts parts) {
    this.network = network;
    this.directory = directory;
    this.parts = parts;
  }

  /** Looks {@code name} up in the directory and dials the address and PeerId it gives. */
  @Override
  public CompletableFuture<PeerLink> dial(String name) {
    CompletableFuture<PeerLink> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("dial-" + name)
        .start(
            () -> {
              PeerDirectory.Target target;
              try {
                target = directory.locate(name);
              } catch (LinkException e) {
                result.completeExceptionally(e);
                return;
              }
              network
                  .dial(
                      name,
                      new Route.Direct(target.address()),
                      target.expected(),
                      target.authority())
                  .whenComplete(
                      (link, error) -> {
                        if (error == null) {
                          result.complete(link);
                          return;
                        }
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof LinkException e
                            && e.reason() == LinkException.Reason.WRONG_PEER_ID) {
                          events.accept(
                              new NodeEvent.Warning(
                                  NodeEvent.Code.IDENTITY_MISMATCH, e.getMessage()));
                        }
                        result.completeExceptionally(cause);
                      });
            });
    return result;
  }

  @Override
  public CompletableFuture<Void> verify(String claimedName, PeerId peerId, String remote) {
    CompletableFuture<Void> verdict = new CompletableFuture<>();
    PeerDirectory d = directory;
    if (d == null) {
      return CompletableFuture.failedFuture(
          new LinkException(LinkException.Reason.UNAVAILABLE, "this peer is still starting"));
    }
    Thread.ofVirtual()
        .name("verify-" + claimedName)
        .start(
            () -> {
              try {
                d.check(claimedName, peerId);
                verdict.complete(null);
              } catch (LinkException e) {
                verdict.completeExceptionally(
                    new LinkException(
                        e.reason(),
                        "refused a connection from "
                            + remote
                            + " claiming to be "
                            + claimedName
                            + ": "
                            + e.getMessage()));
              }
            });
    return verdict;
  }

  @Override
  public void linkUp(PeerLink link) {
    actor.execute(
        () -> {
          profile
              .contacts()
              .pin(link.peerName(), link.peerId())
              .ifPresent(
                  old ->
                      events.accept(
                          new NodeEvent.Warning(
                              NodeEvent.Code.KEY_CHANGED,
                              link.peerName()
                                  + "'s key changed: it was "
                                  + old
                                  + ", now it is "
                                  + link.peerId()
                                  + " ("
                                  + directory.authority()
                                  + " vouches for the new one; if "
                                  + link.peerName()
                                  + " did not set up a new device, be careful)")));
          Parts p = parts;
          p.links().up(link);
          p.conversations().linkUp(link);
          p.groups().linkUp(link);
        });
  }

  @Override
  public void received(PeerLink link, PeerMessage message) {
    actor.execute(
        () -> {
          Parts p = parts;
          switch (message) {
            case ChatMessage m -> p.conversations().received(link, m);
            case GroupMessage m -> p.groups().received(link, m);
            case Broadcast m -> p.broadcasts().received(link, m);
            case RunRequest m -> p.remote().received(link, m);
            case RunResult m -> p.requests().result(link, m);
            case RunRefused m -> p.requests().refused(link, m);
            case Introduce m -> {} // the link layer's
            case Introduced m -> {}
          }
        });
  }

  @Override
  public void linkDown(PeerLink link) {
    actor.execute(
        () -> {
          parts.links().down(link);
          parts.conversations().linkDown(link);
          parts.requests().linkDown(link);
        });
  }

  @Override
  public void refused(String text) {
    events.accept(new NodeEvent.Warning(NodeEvent.Code.CONNECTION_REFUSED, text));
  }
}
