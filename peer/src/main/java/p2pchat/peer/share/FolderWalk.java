package p2pchat.peer.share;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import p2pchat.protocol.message.SharedPaths;

/**
 * Which files of a shared folder may be shared, found by walking it: regular files with one link
 * whose path under the folder's label is valid on the wire; never a hidden one (a name starting
 * with a dot, or a download's partial or state file), and hidden folders are not entered. What else
 * the walk meets (links, special files, files it cannot read) is counted as skipped.
 */
final class FolderWalk {
  /** The files found, each one's state by its path inside the folder, and how many were skipped. */
  record Found(Map<String, FileState> files, int skipped) {}

  private FolderWalk() {}

  /**
   * Walks {@code root}, shared as {@code label}; {@code entered} sees each folder the walk enters
   * (the root too), so that it can be watched.
   */
  static Found walk(Path root, String label, Consumer<Path> entered) throws IOException {
    Map<String, FileState> found = new HashMap<>();
    int[] skipped = {0};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && hidden(dir)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            entered.accept(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (hidden(file)) {
              return FileVisitResult.CONTINUE;
            }
            String relative = relative(root, file);
            if (!attrs.isRegularFile() || SharedPaths.problem(label + "/" + relative).isPresent()) {
              skipped[0]++;
              return FileVisitResult.CONTINUE;
            }
            try {
              FileState state = FileState.of(file);
              if (state.links() > 1 || !state.regularFile()) {
                skipped[0]++; // a hard link may be a way out of the folder: never shared
              } else {
                found.put(relative, state);
              }
            } catch (IOException e) {
              skipped[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            skipped[0]++;
            return FileVisitResult.CONTINUE;
          }
        });
    return new Found(found, skipped[0]);
  }

  private static boolean hidden(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(".")
        || name.endsWith(ShareIndex.PARTIAL_SUFFIX)
        || name.endsWith(ShareIndex.STATE_SUFFIX);
  }

  private static String relative(Path root, Path file) {
    StringBuilder out = new StringBuilder();
    for (Path part : root.relativize(file)) {
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }
}
