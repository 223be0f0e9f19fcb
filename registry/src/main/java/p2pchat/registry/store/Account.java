package p2pchat.registry.store;

import java.time.Instant;
import java.util.Set;
import p2pchat.protocol.identity.PeerId;

/** A chat account: its name as registered, its password hash, and the PeerIds bound to it. */
public record Account(
    long id, String name, String passwordHash, Set<PeerId> peerIds, Instant created) {
  public Account {
    peerIds = Set.copyOf(peerIds);
  }

  @Override
  public String toString() {
    return "Account[" + id + ", " + name + ", " + peerIds.size() + " devices]";
  }
}
