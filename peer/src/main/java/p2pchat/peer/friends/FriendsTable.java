package p2pchat.peer.friends;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import p2pchat.protocol.Limits;
import p2pchat.protocol.identity.PeerId;

/**
 * The friends of a serverless node, read from a text file with one friend per line:
 *
 * <pre>
 * # comment (from # to the end of the line)
 * alice  192.168.1.10:7001
 * bob    bob.example.net:7002  O5HTMYM-XW2D2EW-...   (the PeerId bob must present)
 * </pre>
 *
 * The user's own line gives its listen port. Names follow the account name rules and are unique
 * regardless of case; there is no limit on the number of lines.
 */
public final class FriendsTable {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_.\\-]{1," + Limits.MAX_NAME_LENGTH + "}");

  private final Path source;
  private final Map<String, Friend> byName;

  private FriendsTable(Path source, Map<String, Friend> byName) {
    this.source = source;
    this.byName = byName;
  }

  /** Reads {@code file}; throws with the file, line number and what is wrong there. */
  public static FriendsTable load(Path file) throws IOException {
    return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** Parses {@code lines} read from {@code source}; throws naming the line that is wrong. */
  public static FriendsTable parse(Path source, List<String> lines) throws IOException {
    Map<String, Friend> byName = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      String where = source + " line " + (i + 1) + ": ";
      String[] parts = content.split("\\s+");
      if (parts.length < 2 || parts.length > 3) {
        throw new IOException(where + "expected NAME HOST:PORT [PEERID], got \"" + content + "\"");
      }
      if (!NAME.matcher(parts[0]).matches()) {
        throw new IOException(
            where + "\"" + parts[0] + "\" is not a user name (1-32 letters, digits, _, - and .)");
      }
      Friend friend = friend(parts, where);
      if (byName.putIfAbsent(key(friend.name()), friend) != null) {
        throw new IOException(where + friend.name() + " is listed twice");
      }
    }
    return new FriendsTable(source, byName);
  }

  private static Friend friend(String[] parts, String where) throws IOException {
    String address = parts[1];
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw new IOException(where + "\"" + address + "\" is not HOST:PORT");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 0xffff) {
      throw new IOException(where + "\"" + address + "\" does not end in a port number (0-65535)");
    }
    Optional<PeerId> peerId = Optional.empty();
    if (parts.length == 3) {
      try {
        peerId = Optional.of(PeerId.parse(parts[2]));
      } catch (IllegalArgumentException e) {
        throw new IOException(where + e.getMessage(), e);
      }
    }
    return new Friend(parts[0], host, port, peerId);
  }

  /** The file this table was read from. */
  public Path source() {
    return source;
  }

  /** The friend named {@code name} (any case), if listed. */
  public Optional<Friend> get(String name) {
    return Optional.ofNullable(byName.get(key(name)));
  }

  /**
   * {@code userName}'s own line, which says where it listens; throws with a sentence when there is
   * none, or when it gives a PeerId other than {@code ownId}.
   */
  public Friend self(String userName, PeerId ownId) throws IOException {
    Friend me =
        get(userName)
            .orElseThrow(
                () ->
                    new IOException(
                        source
                            + " has no line for "
                            + userName
                            + ": add one ("
                            + userName
                            + " HOST:PORT) to say where you listen"));
    if (me.peerId().isPresent() && !me.peerId().get().equals(ownId)) {
      throw new IOException(
          source
              + " gives "
              + me.name()
              + " the PeerId "
              + me.peerId().get()
              + ", but this profile's is "
              + ownId);
    }
    return me;
  }

  /** Every line's friend, sorted by name. */
  public List<Friend> all() {
    Collection<Friend> values = byName.values();
    List<Friend> list = new ArrayList<>(values);
    list.sort((a, b) -> key(a.name()).compareTo(key(b.name())));
    return list;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
