package p2pchat.peer.rendezvous;

import java.net.InetSocketAddress;
import java.util.Optional;
import p2pchat.peer.net.LinkException;
import p2pchat.protocol.identity.PeerId;

/**
 * Where a node learns who is who: where a user can be dialed and which PeerId must answer there,
 * and whether a PeerId belongs to a user. Two kinds: the registry, and a serverless node's friends
 * table. Methods may block (they may ask the registry); call them off the actor thread.
 */
public interface PeerDirectory {
  /**
   * Where to dial a user.
   *
   * @param address where the user listens
   * @param expected the PeerId that must answer there; empty: any, pinned on first contact
   * @param authority where {@code expected} comes from, for sentences ("the registry")
   */
  record Target(InetSocketAddress address, Optional<PeerId> expected, String authority) {}

  /** Where {@code name} can be dialed; throws with a sentence (offline, unknown) when it cannot. */
  Target locate(String name) throws LinkException;

  /**
   * Returns normally if {@code peerId} belongs to {@code name}; otherwise throws with a clause that
   * completes "refused X claiming to be NAME: ...", such as "it presented PeerId P, which the
   * registry does not hold for NAME".
   */
  void check(String name, PeerId peerId) throws LinkException;

  /** Who vouches for identities here, for sentences: "the registry", "your friends table". */
  String authority();
}
