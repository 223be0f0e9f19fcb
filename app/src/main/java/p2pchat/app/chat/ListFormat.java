package p2pchat.app.chat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import p2pchat.peer.chat.ConversationInfo;
import p2pchat.peer.friends.FriendStatus;
import p2pchat.peer.group.GroupListing;
import p2pchat.peer.group.MemberInfo;
import p2pchat.protocol.text.Untrusted;

/**
 * How the terminal client shows the node's query results: one line per record, with the control
 * characters of names and texts made visible (public for the tests that check a node's state in the
 * words a user reads).
 */
public final class ListFormat {
  private ListFormat() {}

  /** "name (state)", as {@code /peers} lists a conversation. */
  public static String conversation(ConversationInfo c) {
    String state =
        switch (c.state()) {
          case OPEN ->
              c.connected()
                  ? "open, connected to " + c.remote().map(ListFormat::hostPort).orElse("?")
                  : "open, idle";
          case ASKED_BY_YOU -> "waiting for them to accept";
          case ASKED_BY_THEM -> "asking you to chat";
        };
    return Untrusted.show(c.with() + " (" + state + ")");
  }

  /** A group with its members, or an invitation with the commands that answer it. */
  public static String group(GroupListing g) {
    return Untrusted.show(
        switch (g) {
          case GroupListing.Joined j -> "#" + j.group() + ": " + String.join(", ", j.members());
          case GroupListing.Invited i ->
              "#"
                  + i.group()
                  + ": invitation from "
                  + i.from()
                  + " (/group accept "
                  + i.group()
                  + " or /group decline "
                  + i.group()
                  + ")";
        });
  }

  /** A member, marked when it is this user, with the messages that wait for it. */
  public static String member(MemberInfo m) {
    return Untrusted.show(
        m.name()
            + (m.you() ? " (you)" : "")
            + (m.waiting() == 0
                ? ""
                : " ("
                    + m.waiting()
                    + (m.waiting() == 1 ? " message waits" : " messages wait")
                    + " until it is reachable)"));
  }

  /** Name, address, whether connected, and the PeerId known (and where it comes from). */
  public static String friend(FriendStatus f) {
    String id =
        f.peerId()
            .map(
                p ->
                    "PeerId "
                        + p.shortForm()
                        + (f.fromTable() ? " (from the table)" : " (pinned when first met)"))
            .orElse("PeerId not known yet (pinned when first met)");
    return Untrusted.show(
        f.friend().name()
            + "  "
            + f.friend().hostPort()
            + "  "
            + (f.connected() ? "connected" : "not connected")
            + "  "
            + id);
  }

  /** Each of {@code items} as {@code format} shows it. */
  public static <T> List<String> lines(List<T> items, Function<T, String> format) {
    return items.stream().map(format).toList();
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
