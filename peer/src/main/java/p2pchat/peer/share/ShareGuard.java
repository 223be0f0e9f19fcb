package p2pchat.peer.share;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.SharedPaths;

/**
 * Opens shared files for others, and only shared files. A requested path must keep the wire rules
 * (relative, no {@code ..}), name an indexed file, and still be that file: every component is
 * checked without following symbolic links, the file must be regular (not a device, pipe or socket)
 * with one hard link, its real path must lie inside its shared folder, and its size, modification
 * time and identity must be those indexed. The same checks run again once it is open, so a path
 * swapped in between is caught too.
 */
public final class ShareGuard {
  private final ShareIndex index;

  /** A guard over the folders of {@code index}. */
  public ShareGuard(ShareIndex index) {
    this.index = index;
  }

  /**
   * Opens the shared file at {@code path} (or, with an empty path, any shared file with content
   * {@code sha256}), or throws a refusal saying why not.
   */
  public OpenFile open(String path, Optional<FileHash> sha256) throws AccessRefused {
    if (path.isEmpty()) {
      FileHash wanted = sha256.orElseThrow();
      List<IndexedFile> candidates = index.find(wanted);
      if (candidates.isEmpty()) {
        throw new AccessRefused(
            ErrorCode.NO_SUCH_FILE, "no shared file has SHA-256 " + wanted.hex());
      }
      AccessRefused last = null;
      for (IndexedFile candidate : candidates) {
        try {
          return open(candidate.publishedPath(), sha256);
        } catch (AccessRefused e) {
          last = e;
        }
      }
      throw last;
    }
    Optional<String> problem = SharedPaths.problem(path);
    if (problem.isPresent()) {
      throw new AccessRefused(
          ErrorCode.PATH_REFUSED, "refused " + quote(path) + ": " + problem.get());
    }
    int slash = path.indexOf('/');
    String label = slash < 0 ? path : path.substring(0, slash);
    Path root =
        index
            .folder(label)
            .orElseThrow(
                () ->
                    new AccessRefused(
                        ErrorCode.NO_SUCH_FILE, "no shared folder is called " + quote(label)))
            .path();
    if (slash < 0) {
      throw new AccessRefused(ErrorCode.NO_SUCH_FILE, quote(path) + " is a folder, not a file");
    }
    String relative = path.substring(slash + 1);
    Path file = checkComponents(path, root, label, relative);
    IndexedFile entry =
        index
            .find(path)
            .orElseThrow(
                () -> new AccessRefused(ErrorCode.NO_SUCH_FILE, quote(path) + " is not shared"));
    if (sha256.isPresent() && !sha256.get().equals(entry.sha256())) {
      throw new AccessRefused(
          ErrorCode.NO_SUCH_FILE,
          quote(path) + " no longer has SHA-256 " + sha256.get().shortForm());
    }
    FileState before = state(path, file);
    if (!entry.sameAs(before)) {
      index.rescanSoon(label);
      throw changed(path);
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new AccessRefused(
          ErrorCode.PATH_REFUSED, "refused " + quote(path) + ": cannot open it (" + e + ")");
    }
    // Whatever the path named when it was checked, the file opened must be the one indexed.
    FileState after = state(path, file);
    if (!entry.sameAs(after) || !after.regularFile() || after.links() > 1) {
      close(channel);
      index.rescanSoon(label);
      throw changed(path);
    }
    return new OpenFile(entry, channel, file);
  }

  /** Walks from the root to the file, refusing a symbolic link anywhere and anything irregular. */
  private static Path checkComponents(String path, Path root, String label, String relative)
      throws AccessRefused {
    Path current = root;
    String[] parts = relative.split("/");
    for (int i = 0; i < parts.length; i++) {
      current = current.resolve(parts[i]);
      FileState state = state(path, current);
      if (state.symbolicLink()) {
        throw new AccessRefused(
            ErrorCode.PATH_REFUSED,
            "refused "
                + quote(path)
                + ": "
                + (i == parts.length - 1
                    ? "it is"
                    : quote(label + "/" + String.join("/", List.of(parts).subList(0, i + 1)))
                        + " is")
                + " a symbolic link");
      }
      if (i < parts.length - 1 && !state.directory()) {
        throw new AccessRefused(ErrorCode.NO_SUCH_FILE, quote(path) + " does not exist");
      }
      if (i == parts.length - 1) {
        if (!state.regularFile()) {
          throw new AccessRefused(
              ErrorCode.PATH_REFUSED,
              "refused "
                  + quote(path)
                  + ": it is not a regular file (a device, pipe, socket or folder)");
        }
        if (state.links() > 1) {
          throw new AccessRefused(
              ErrorCode.PATH_REFUSED,
              "refused "
                  + quote(path)
                  + ": it has "
                  + state.links()
                  + " hard links, so it may be a file from outside the shared folder");
        }
      }
    }
    try {
      if (!current.toRealPath().equals(current)) {
        throw new AccessRefused(
            ErrorCode.PATH_REFUSED, "refused " + quote(path) + ": it resolves outside its folder");
      }
    } catch (IOException e) {
      throw new AccessRefused(ErrorCode.NO_SUCH_FILE, quote(path) + " does not exist");
    }
    return current;
  }

  private static FileState state(String path, Path file) throws AccessRefused {
    try {
      return FileState.of(file);
    } catch (NoSuchFileException e) {
      throw new AccessRefused(ErrorCode.NO_SUCH_FILE, quote(path) + " does not exist");
    } catch (IOException e) {
      throw new AccessRefused(
          ErrorCode.NO_SUCH_FILE, quote(path) + " cannot be read (" + e.getMessage() + ")");
    }
  }

  private static AccessRefused changed(String path) {
    return new AccessRefused(
        ErrorCode.FILE_CHANGED,
        quote(path) + " changed since it was indexed; ask again once it is reindexed");
  }

  /** The path in quotes, control characters escaped so that a log line stays one line. */
  static String quote(String path) {
    StringBuilder out = new StringBuilder("'");
    path.codePoints()
        .limit(300)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append(path.length() > 300 ? "...'" : "'").toString();
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // only read
    }
  }
}
