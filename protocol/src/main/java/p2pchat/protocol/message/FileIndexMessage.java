package p2pchat.protocol.message;

import java.util.List;
import java.util.Objects;
import p2pchat.protocol.Limits;

/**
 * The registry's index of shared files. A logged-in peer publishes the list of files it shares
 * (paths relative to its shared folders, sizes, whole-file SHA-256s: never a local absolute path);
 * the registry keeps it in memory while the peer is online and answers listings and searches in
 * pages. Requests carry a {@code requestId} answered as for other registry requests.
 */
public sealed interface FileIndexMessage extends Message {
  /**
   * One shared file as its owner publishes it.
   *
   * @param path relative, {@code /}-separated, within the rules of {@link SharedPaths}
   * @param size bytes
   * @param sha256 SHA-256 of the whole content
   */
  record SharedFile(String path, long size, FileHash sha256) {
    public SharedFile {
      SharedPaths.check(path, "path");
      if (size < 0) {
        throw new IllegalArgumentException("size " + size + " is negative");
      }
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /** A shared file in a listing, with the user who shares it. */
  record FileEntry(String owner, SharedFile file) {
    public FileEntry {
      Checks.text(owner, "owner", Limits.MAX_HOST_BYTES);
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * One page of this peer's file list. A publication replaces the whole list: its first page has
   * {@code first} set, its final page {@code last}, and the new list takes effect only with the
   * final page (until then listings show the previous one). Each page is answered by {@code Done},
   * or by a failure ({@code TOO_MANY_FILES}) that drops the publication.
   */
  record PublishFiles(int requestId, boolean first, boolean last, List<SharedFile> files)
      implements FileIndexMessage {
    public PublishFiles {
      files = List.copyOf(files);
      if (files.size() > Limits.MAX_FILES_PER_PAGE) {
        throw new IllegalArgumentException(
            "a page holds at most " + Limits.MAX_FILES_PER_PAGE + " files");
      }
    }

    @Override
    public String toString() {
      return "PublishFiles[requestId="
          + requestId
          + ", first="
          + first
          + ", last="
          + last
          + ", files="
          + files.size()
          + "]";
    }
  }

  /**
   * Asks for the files {@code owner} shares, or (with an empty {@code owner}) those of every other
   * online user; answered by {@link FilesPage}s.
   */
  record ListFiles(int requestId, String owner) implements FileIndexMessage {
    public ListFiles {
      Checks.text(owner, "owner", Limits.MAX_HOST_BYTES);
    }
  }

  /**
   * Asks for the files of every other online user whose path contains each word of {@code text},
   * ignoring case; answered by {@link FilesPage}s.
   */
  record SearchFiles(int requestId, String text) implements FileIndexMessage {
    public SearchFiles {
      Checks.text(text, "text", Limits.MAX_SEARCH_BYTES);
    }
  }

  /**
   * Asks who else online shares content with this SHA-256 (the sources of a multi-source download);
   * answered by {@link FilesPage}s.
   */
  record LocateFile(int requestId, FileHash sha256) implements FileIndexMessage {
    public LocateFile {
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * One page of a listing, search or location; {@code last} marks the final page. A result is never
   * cut: it is sent in as many pages as it takes.
   */
  record FilesPage(int requestId, List<FileEntry> files, boolean last) implements FileIndexMessage {
    public FilesPage {
      files = List.copyOf(files);
      if (files.size() > Limits.MAX_FILES_PER_PAGE) {
        throw new IllegalArgumentException(
            "a page holds at most " + Limits.MAX_FILES_PER_PAGE + " files");
      }
    }

    @Override
    public String toString() {
      return "FilesPage[requestId="
          + requestId
          + ", files="
          + files.size()
          + ", last="
          + last
          + "]";
    }
  }
}
