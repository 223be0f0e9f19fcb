package p2pchat.peer.share;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What the file system says about a path right now, without following a symbolic link: its kind,
 * size, modification time, identity (device and inode) and number of hard links.
 */
record FileState(
    boolean regularFile,
    boolean symbolicLink,
    boolean directory,
    long size,
    long modifiedNanos,
    String fileKey,
    int links) {

  static FileState of(Path path) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new FileState(
        a.isRegularFile(),
        a.isSymbolicLink(),
        a.isDirectory(),
        a.size(),
        a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        String.valueOf(a.fileKey()),
        links(path));
  }

  /** The number of hard links to the file; 1 where the file system cannot say (not POSIX). */
  static int links(Path path) throws IOException {
    try {
      return ((Number) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
          .intValue();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return 1;
    }
  }
}
