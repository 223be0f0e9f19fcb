package p2pchat.registry.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.registry.session.Directory;
import p2pchat.registry.session.Session;

/**
 * The shared files of the users online: each session's published list, kept in memory only, and
 * dropped when the session ends. Listings show the files of sessions that are still the current,
 * visible session of their user, so an invisible user's files are as hidden as the user.
 */
public final class FileIndex {
  private static final Comparator<FileEntry> ORDER =
      Comparator.comparing((FileEntry e) -> e.owner().toLowerCase(Locale.ROOT))
          .thenComparing(e -> e.file().path());

  private final Directory directory;
  private final Map<Session, List<SharedFile>> published = new ConcurrentHashMap<>();

  /** An index of the sessions of {@code directory}. */
  public FileIndex(Directory directory) {
    this.directory = directory;
  }

  /** Makes {@code files} the list {@code session} shares, replacing what it shared before. */
  public void publish(Session session, List<SharedFile> files) {
    published.put(session, List.copyOf(files));
  }

  /** Forgets what {@code session} shared (it ended). */
  public void remove(Session session) {
    published.remove(session);
  }

  /**
   * The files {@code owner} shares, or empty when that user is not online and visible to {@code
   * viewer} (a user always sees their own).
   */
  public Optional<List<FileEntry>> filesOf(Session viewer, String owner) {
    Optional<Session> found = directory.find(owner);
    if (found.isEmpty() || (found.get() != viewer && !found.get().visible())) {
      return Optional.empty();
    }
    Session s = found.get();
    List<FileEntry> out = new ArrayList<>();
    for (SharedFile f : published.getOrDefault(s, List.of())) {
      out.add(new FileEntry(s.name(), f));
    }
    out.sort(ORDER);
    return Optional.of(out);
  }

  /** The files of every other online, visible user. */
  public List<FileEntry> all(Session viewer) {
    return matching(viewer, f -> true);
  }

  /**
   * The files of every other online, visible user whose path contains each word of {@code text},
   * ignoring case.
   */
  public List<FileEntry> search(Session viewer, String text) {
    String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
    return matching(
        viewer,
        f -> {
          String path = f.path().toLowerCase(Locale.ROOT);
          for (String word : words) {
            if (!path.contains(word)) {
              return false;
            }
          }
          return true;
        });
  }

  /** The files of every other online, visible user with content {@code sha256}. */
  public List<FileEntry> locate(Session viewer, FileHash sha256) {
    return matching(viewer, f -> f.sha256().equals(sha256));
  }

  private List<FileEntry> matching(Session viewer, Predicate<SharedFile> test) {
    List<FileEntry> out = new ArrayList<>();
    for (Session s : directory.all()) {
      if (s == viewer || !s.visible()) {
        continue;
      }
      for (SharedFile f : published.getOrDefault(s, List.of())) {
        if (test.test(f)) {
          out.add(new FileEntry(s.name(), f));
        }
      }
    }
    out.sort(ORDER);
    return out;
  }
}
