package p2pchat.peer.group;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import p2pchat.protocol.message.GroupMember;

/**
 * Groups kept in the profile's {@code groups} folder, one small text file per group, rewritten
 * whole (through a temporary file and a rename) on every change, so that a restarted member is
 * still a member and neither shows a message twice nor reports a gap that was not there:
 *
 * <pre>
 * name team
 * next-seq 12
 * left                      (only once this member left)
 * member alice 1 joined
 * member carol 2 left
 * invited dave              (an invitation not answered yet)
 * sender alice 41 37 38     (highest seq seen, then the missing ones)
 * </pre>
 */
final class GroupStore {
  /** Folder name inside a profile folder. */
  static final String FOLDER = "groups";

  private static final String SUFFIX = ".group";

  private final Path dir;

  GroupStore(Path profileDir) {
    this.dir = profileDir.resolve(FOLDER);
  }

  /** Every stored group; a file that cannot be read is reported in {@code problems} and skipped. */
  List<Group> loadAll(List<String> problems) {
    List<Group> groups = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return groups;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        try {
          groups.add(load(file));
        } catch (IOException | RuntimeException e) {
          problems.add("cannot read the group file " + file + ": " + e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add("cannot list " + dir + ": " + e.getMessage());
    }
    return groups;
  }

  private static Group load(Path file) throws IOException {
    String fileName = file.getFileName().toString();
    UUID id = UUID.fromString(fileName.substring(0, fileName.length() - SUFFIX.length()));
    Group group = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.strip().split("\\s+");
      if (f[0].isEmpty() || f[0].startsWith("#")) {
        continue;
      }
      if (f[0].equals("name")) {
        group = new Group(id, f[1]);
        continue;
      }
      if (group == null) {
        throw new IOException("the first line must be the name");
      }
      switch (f[0]) {
        case "next-seq" -> group.nextSeq = Long.parseLong(f[1]);
        case "left" -> group.left = true;
        case "invited" -> group.invited.add(f[1]);
        case "member" ->
            group.set(new GroupMember(f[1], Long.parseLong(f[2]), f[3].equals("joined")));
        case "sender" -> {
          SenderState state = group.sender(f[1]);
          state.last = Long.parseLong(f[2]);
          for (int i = 3; i < f.length; i++) {
            state.missing.add(Long.parseLong(f[i]));
          }
        }
        default -> {} // written by a newer version: ignored
      }
    }
    if (group == null) {
      throw new IOException("it names no group");
    }
    return group;
  }

  /** Writes {@code group}'s file. */
  void save(Group group) throws IOException {
    StringBuilder out = new StringBuilder("# p2pchat group ").append(group.id).append('\n');
    out.append("name ").append(group.name).append('\n');
    out.append("next-seq ").append(group.nextSeq).append('\n');
    if (group.left) {
      out.append("left\n");
    }
    for (GroupMember m : group.members.values()) {
      out.append("member ")
          .append(m.name())
          .append(' ')
          .append(m.version())
          .append(m.joined() ? " joined" : " left")
          .append('\n');
    }
    group.invited.forEach(name -> out.append("invited ").append(name).append('\n'));
    for (Map.Entry<String, SenderState> e : group.senders.entrySet()) {
      out.append("sender ").append(e.getKey()).append(' ').append(e.getValue().last);
      e.getValue().missing.forEach(s -> out.append(' ').append(s));
      out.append('\n');
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(group.id + SUFFIX);
    Path tmp = dir.resolve(group.id + SUFFIX + ".tmp");
    Files.writeString(tmp, out, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
