package p2pchat.peer.friends;

import java.util.Optional;
import p2pchat.peer.net.LinkException;
import p2pchat.peer.profile.Contacts;
import p2pchat.peer.rendezvous.PeerDirectory;
import p2pchat.protocol.identity.PeerId;

/**
 * A friends table as the directory of a serverless node: a friend is dialed at its table address
 * and must present the table's PeerId if it gives one, else the PeerId pinned when first met (trust
 * on first use). Nobody outside the table is accepted.
 */
public final class FriendsDirectory implements PeerDirectory {
  private final FriendsTable table;
  private final Contacts contacts;

  /** The directory of {@code table}, pinning first contacts in {@code contacts}. */
  public FriendsDirectory(FriendsTable table, Contacts contacts) {
    this.table = table;
    this.contacts = contacts;
  }

  @Override
  public Target locate(String name) throws LinkException {
    Friend friend = friend(name);
    if (friend.peerId().isPresent()) {
      return new Target(friend.address(), friend.peerId(), "your friends table");
    }
    Optional<PeerId> pinned = contacts.pinned(friend.name());
    return new Target(
        friend.address(), pinned, "your contacts file (pinned when you first met " + name + ")");
  }

  @Override
  public void check(String name, PeerId peerId) throws LinkException {
    Friend friend = friend(name);
    if (friend.peerId().isPresent()) {
      if (!friend.peerId().get().equals(peerId)) {
        throw new LinkException(
            "it presented PeerId "
                + peerId
                + ", but your friends table requires "
                + friend.peerId().get()
                + " for "
                + friend.name());
      }
      return;
    }
    Optional<PeerId> pinned = contacts.pinned(friend.name());
    if (pinned.isPresent() && !pinned.get().equals(peerId)) {
      throw new LinkException(
          "it presented PeerId "
              + peerId
              + ", but "
              + friend.name()
              + " presented "
              + pinned.get()
              + " when first met (pinned in your contacts file; delete that line if "
              + friend.name()
              + " really has a new key)");
    }
  }

  @Override
  public String authority() {
    return "your friends table";
  }

  private Friend friend(String name) throws LinkException {
    return table
        .get(name)
        .orElseThrow(
            () ->
                new LinkException(name + " is not in your friends table (" + table.source() + ")"));
  }
}
