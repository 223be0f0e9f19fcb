package p2pchat.peer.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.GroupMember;

/**
 * How many invitations a member keeps unanswered (from one inviter, and in all) and how much of
 * each one's member list it keeps and shows, so that a flood of invitations takes bounded memory
 * and screen.
 */
record InvitationLimits(int perInviter, int inAll, int membersShown) {
  /** The limits of {@link Limits}. */
  static final InvitationLimits DEFAULTS =
      new InvitationLimits(
          Limits.MAX_INVITATIONS_PER_SENDER,
          Limits.MAX_INVITATIONS,
          Limits.MAX_INVITATION_MEMBERS_SHOWN);

  /** The part of an invitation's member list kept, and the names shown. */
  record Kept(List<GroupMember> members, List<String> shown) {}

  /**
   * Why {@code me} refuses a new invitation from an inviter with {@code fromInviter} kept already,
   * when {@code total} are kept in all; empty when it is kept.
   */
  Optional<String> refusal(String me, long fromInviter, int total) {
    if (fromInviter >= perInviter) {
      return Optional.of(
          me
              + " has "
              + fromInviter
              + " invitations from you unanswered, the most it keeps from one inviter;"
              + " try again once it answered one");
    }
    if (total >= inAll) {
      return Optional.of(
          me
              + " has "
              + total
              + " invitations unanswered, the most it keeps; try again once it answered some");
    }
    return Optional.empty();
  }

  /**
   * What is kept of {@code members}, an invitation from {@code from} to {@code me}: the entries of
   * the first {@link #membersShown} members, and those of the inviter and of {@code me} (joining
   * needs the inviter in the list, so that its member lists are heard, and {@code me}'s version to
   * go on from). The names shown are those members, then "and N more" if there are more.
   */
  Kept keep(List<GroupMember> members, String from, String me) {
    List<GroupMember> kept = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    int more = 0;
    for (GroupMember m : members) {
      boolean named =
          Group.key(m.name()).equals(Group.key(from)) || Group.key(m.name()).equals(Group.key(me));
      if (m.joined() && shown.size() < membersShown) {
        shown.add(m.name());
        kept.add(m);
      } else {
        if (m.joined()) {
          more++;
        }
        if (named) {
          kept.add(m);
        }
      }
    }
    if (more > 0) {
      shown.add("and " + more + " more");
    }
    return new Kept(List.copyOf(kept), List.copyOf(shown));
  }
}
