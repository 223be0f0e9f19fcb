package p2pchat.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import p2pchat.protocol.Limits;

/** Argument checks for message constructors, so that nothing is built that cannot be sent. */
final class Checks {
  private Checks() {}

  static void text(String value, String field, int maxBytes) {
    Objects.requireNonNull(value, field);
    // A UTF-8 byte count is at most 3 per UTF-16 char; skip the encoding for short strings.
    if (value.length() * 3 > maxBytes && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new IllegalArgumentException(field + " is longer than " + maxBytes + " bytes");
    }
  }

  static void port(int port, String field) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException(field + " " + port + " is not a port number");
    }
  }

  static void bytes(byte[] value, String field, int maxBytes) {
    Objects.requireNonNull(value, field);
    if (value.length > maxBytes) {
      throw new IllegalArgumentException(field + " is longer than " + maxBytes + " bytes");
    }
  }

  /** A group's member list: at most the limit, each name once (names compare ignoring case). */
  static List<GroupMember> members(List<GroupMember> members) {
    List<GroupMember> copy = List.copyOf(members);
    if (copy.size() > Limits.MAX_GROUP_MEMBERS) {
      throw new IllegalArgumentException(
          "a group lists at most " + Limits.MAX_GROUP_MEMBERS + " members");
    }
    Set<String> names = new HashSet<>();
    for (GroupMember member : copy) {
      if (!names.add(member.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(member.name() + " is listed twice");
      }
    }
    return copy;
  }
}
