package p2pchat.peer.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.PeerMessage.GroupText;

/**
 * One group as this member sees it: its member list (with those who left, so that versions
 * compare), this member's next sequence number, and what it has seen of each sender. Touched only
 * on the node's actor thread.
 */
final class Group {
  /** What a group name, and a member's name, may be: that of a user name. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1," + Limits.MAX_NAME_LENGTH + "}");

  /** A text from someone not (yet) known as a member, held until the member list catches up. */
  record Held(GroupText text) {}

  /** What a merge changed: who joined and who left. */
  record Changes(List<String> joined, List<String> left, boolean any) {}

  final UUID id;
  final String name;
  long nextSeq = 1;

  /** Set once this member left: the group is kept only so that a rejoin continues its numbers. */
  boolean left;

  final Map<String, GroupMember> members = new TreeMap<>();

  /** Users this member invited who have not answered yet (lower case). */
  final Set<String> invited = new TreeSet<>();

  final Map<String, SenderState> senders = new HashMap<>();
  final List<Held> held = new ArrayList<>();
  boolean syncRequested;

  Group(UUID id, String name) {
    this.id = id;
    this.name = name;
  }

  /** Every entry, members and those who left, sorted by name. */
  List<GroupMember> snapshot() {
    return List.copyOf(members.values());
  }

  /** The members' names, sorted. */
  List<String> joined() {
    return members.values().stream().filter(GroupMember::joined).map(GroupMember::name).toList();
  }

  boolean isJoined(String member) {
    GroupMember m = members.get(key(member));
    return m != null && m.joined();
  }

  /** The version of {@code member}'s entry, 0 if it has none. */
  long version(String member) {
    GroupMember m = members.get(key(member));
    return m == null ? 0 : m.version();
  }

  void set(GroupMember member) {
    members.put(key(member.name()), member);
  }

  SenderState sender(String member) {
    return senders.computeIfAbsent(key(member), k -> new SenderState());
  }

  /**
   * Merges another member's list into this one, entry by entry: the higher version wins, and at
   * equal versions a leave. Whatever order lists arrive in, members end up with the same one.
   */
  Changes merge(List<GroupMember> other) {
    List<String> joined = new ArrayList<>();
    List<String> leftNow = new ArrayList<>();
    boolean any = false;
    for (GroupMember theirs : other) {
      GroupMember mine = members.get(key(theirs.name()));
      if (!newer(theirs, mine)) {
        continue;
      }
      any = true;
      members.put(key(theirs.name()), theirs);
      boolean wasIn = mine != null && mine.joined();
      if (theirs.joined() && !wasIn) {
        joined.add(theirs.name());
      } else if (!theirs.joined() && wasIn) {
        leftNow.add(theirs.name());
      }
    }
    return new Changes(joined, leftNow, any);
  }

  /** Whether this list has every entry of {@code other} at the same or a newer version. */
  boolean covers(List<GroupMember> other) {
    return other.stream().noneMatch(m -> newer(m, members.get(key(m.name()))));
  }

  /** Whether {@code other} has every entry of this list at the same or a newer version. */
  boolean coveredBy(List<GroupMember> other) {
    Map<String, GroupMember> theirs = new HashMap<>();
    other.forEach(m -> theirs.put(key(m.name()), m));
    return members.values().stream().noneMatch(m -> newer(m, theirs.get(key(m.name()))));
  }

  private static boolean newer(GroupMember a, GroupMember b) {
    if (b == null) {
      return true;
    }
    if (a.version() != b.version()) {
      return a.version() > b.version();
    }
    return !a.joined() && b.joined();
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
