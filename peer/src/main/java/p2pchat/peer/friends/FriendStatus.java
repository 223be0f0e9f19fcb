package p2pchat.peer.friends;

import java.util.Optional;
import p2pchat.peer.profile.Contacts;
import p2pchat.protocol.identity.PeerId;

/**
 * A friend as a serverless node's queries show it: the table's line, whether a connection is open,
 * and the PeerId known for it ({@code fromTable}: the table gives it; else pinned when first met,
 * or empty when not met yet).
 */
public record FriendStatus(
    Friend friend, boolean connected, Optional<PeerId> peerId, boolean fromTable) {
  /** {@code friend}'s status, with its PeerId from the table or else from {@code contacts}. */
  public static FriendStatus of(Friend friend, boolean connected, Contacts contacts) {
    return friend.peerId().isPresent()
        ? new FriendStatus(friend, connected, friend.peerId(), true)
        : new FriendStatus(friend, connected, contacts.pinned(friend.name()), false);
  }
}
