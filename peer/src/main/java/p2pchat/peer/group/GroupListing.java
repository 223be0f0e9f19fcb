package p2pchat.peer.group;

import java.util.List;

/** A line of this user's groups: a group it is in, or an invitation waiting for an answer. */
public sealed interface GroupListing {
  /** The group's name. */
  String group();

  /** A group this user is in, with its members (this user among them). */
  record Joined(String group, List<String> members) implements GroupListing {
    public Joined {
      members = List.copyOf(members);
    }
  }

  /** An invitation from {@code from} into {@code group}, not answered yet. */
  record Invited(String group, String from) implements GroupListing {}
}
