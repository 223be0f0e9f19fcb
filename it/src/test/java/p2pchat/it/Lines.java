package p2pchat.it;

import java.util.List;
import p2pchat.app.chat.ListFormat;
import p2pchat.peer.Node;

/** A node's query results in the words the terminal client shows them, one line per record. */
final class Lines {
  private Lines() {}

  /** {@code /peers}: "name (state)" per conversation. */
  static List<String> conversations(Node node) {
    return ListFormat.lines(node.conversations(), ListFormat::conversation);
  }

  /** {@code /groups}: the groups, then the invitations. */
  static List<String> groups(Node node) {
    return ListFormat.lines(node.groups(), ListFormat::group);
  }

  /** {@code /group members}: one line per member. */
  static List<String> members(Node node, String group) {
    return ListFormat.lines(node.groupMembers(group), ListFormat::member);
  }

  /** {@code /users} on a serverless node: one line per friend. */
  static List<String> friends(Node node) {
    return ListFormat.lines(node.friends(), ListFormat::friend);
  }
}
