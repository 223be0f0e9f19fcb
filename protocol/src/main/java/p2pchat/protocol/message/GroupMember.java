package p2pchat.protocol.message;

import p2pchat.protocol.Limits;

/**
 * One entry of a group's member list: {@code name} is a member ({@code joined}) or has left. {@code
 * version} rises by one with each change of that entry (a join, a leave, a join again), so that of
 * two lists the entry with the higher version is the newer; at equal versions a leave wins.
 */
public record GroupMember(String name, long version, boolean joined) {
  public GroupMember {
    Checks.text(name, "member name", Limits.MAX_HOST_BYTES);
    if (version < 0) {
      throw new IllegalArgumentException("member version must not be negative");
    }
  }
}
