package p2pchat.protocol.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps a data or profile folder and the files in it readable by their owner only (folders {@code
 * rwx------}, files {@code rw-------}): they hold password hashes, private keys, what a user typed.
 * On a file system without POSIX permissions (Windows, FAT) it does nothing: there the folder's ACL
 * is what protects them.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /**
   * Makes {@code dir} (and any missing parent) owner-only if it is new, and takes the group's and
   * others' rights away if it exists.
   */
  public static void folder(Path dir) throws IOException {
    if (!posix(dir)) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      FileAttribute<Set<PosixFilePermission>> attribute =
          PosixFilePermissions.asFileAttribute(FOLDER);
      Files.createDirectories(dir, attribute);
    }
    restrict(dir, FOLDER);
  }

  /** Takes the group's and others' rights away from each of {@code names} in {@code dir} there. */
  public static void files(Path dir, String... names) {
    if (!posix(dir)) {
      return;
    }
    for (String name : names) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        restrict(file, FILE);
      }
    }
  }

  /** Creates the empty file {@code file}, owner-only from its first byte; fails if it exists. */
  public static void createFile(Path file) throws IOException {
    if (posix(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } else {
      Files.createFile(file);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void restrict(Path path, Set<PosixFilePermission> wanted) {
    try {
      if (!Files.getPosixFilePermissions(path).equals(wanted)) {
        Files.setPosixFilePermissions(path, wanted);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // A mounted FAT or SMB folder refuses chmod, and so does a folder someone else owns: the
      // files still work, only without the tighter rights, as on Windows. Permissions are a
      // safeguard on top, never a reason not to start.
    }
  }
}
