package p2pchat.peer.friends;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import p2pchat.peer.profile.Contacts;

/** The friends list as {@code /users} shows it on a serverless node. */
public final class FriendLines {
  private FriendLines() {}

  /**
   * One line per friend but {@code me}: name, address, whether a connection is open, and the PeerId
   * known for it (from the table, or pinned when first met).
   */
  public static List<String> of(
      FriendsTable table, String me, Predicate<String> connected, Contacts contacts) {
    List<String> lines = new ArrayList<>();
    for (Friend f : table.all()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(me.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String id =
          f.peerId().isPresent()
              ? "PeerId " + f.peerId().get().shortForm() + " (from the table)"
              : contacts
                  .pinned(f.name())
                  .map(p -> "PeerId " + p.shortForm() + " (pinned when first met)")
                  .orElse("PeerId not known yet (pinned when first met)");
      lines.add(
          f.name()
              + "  "
              + f.hostPort()
              + "  "
              + (connected.test(f.name()) ? "connected" : "not connected")
              + "  "
              + id);
    }
    return lines;
  }
}
