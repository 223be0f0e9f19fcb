package p2pchat.peer;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import p2pchat.peer.friends.Friend;
import p2pchat.peer.friends.FriendLines;
import p2pchat.peer.friends.FriendsTable;
import p2pchat.peer.profile.Contacts;

/**
 * What a node knows of its friends table: who is a friend, their names but this user's, and one
 * line each to show. A node with a registry has none (every answer is empty or false).
 */
final class ServerlessFriends {
  private final String me;
  private final FriendsTable table; // null with a registry

  /** The friends in {@code table} (null with a registry) of the user {@code me}. */
  ServerlessFriends(String me, FriendsTable table) {
    this.me = me;
    this.table = table;
  }

  /** Whether the node runs serverless, on a friends table. */
  boolean serverless() {
    return table != null;
  }

  /** Whether {@code name} is in the table (false with a registry). */
  boolean isFriend(String name) {
    return table != null && table.get(name).isPresent();
  }

  /** Every name in the table, this user's too; empty with a registry. */
  List<String> everyone() {
    return table == null ? List.of() : table.all().stream().map(Friend::name).toList();
  }

  /** The friends' names but this user's, sorted; empty with a registry. */
  List<String> names() {
    return everyone().stream().filter(n -> !isMe(n)).toList();
  }

  /** Each friend with address, connection and PeerId, one line each; empty with a registry. */
  List<String> lines(Predicate<String> connected, Contacts contacts) {
    return table == null ? List.of() : FriendLines.of(table, me, connected, contacts);
  }

  private boolean isMe(String name) {
    return name.toLowerCase(Locale.ROOT).equals(me.toLowerCase(Locale.ROOT));
  }
}
