package p2pchat.peer.share;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.protocol.message.Chunks;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.SharedPaths;

/**
 * The folders this node shares and the index of their files: for each file its size, modification
 * time, identity and the SHA-256 of each chunk and of the whole. The index is cached in the profile
 * database, so that after a restart only new or changed files are hashed, and each folder is
 * watched, so that changes are indexed as they happen.
 *
 * <p>What is published is the list of {@link SharedFile}s: each path is the folder's label (its
 * name) followed by the path inside it, never a local absolute path. Hidden files and folders (a
 * name starting with a dot), symbolic links, files with several hard links and special files
 * (devices, pipes, sockets) are never indexed.
 *
 * <p>Scans run one at a time on one thread; lookups read an immutable snapshot and never wait.
 */
public final class ShareIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShareIndex.class);

  /** How long a folder must be quiet after a change before it is scanned again. */
  static final long RESCAN_DELAY_MILLIS = 300;

  /** Suffix of the files a download in progress writes; never shared. */
  public static final String PARTIAL_SUFFIX = ".p2pchat-part";

  /** Suffix of a download's resume state; never shared. */
  public static final String STATE_SUFFIX = ".p2pchat-state";

  /** What the index tells its owner. Called on the index's thread. */
  public interface Listener {
    /** The published list changed (files added, changed or removed). */
    default void listChanged() {}

    /** A folder was scanned: at first, and after each change. */
    default void scanned(SharedFolder folder, ScanStats stats) {}

    /** A shared folder disappeared or became unreadable; it is no longer shared. */
    default void folderLost(SharedFolder folder, String why) {}
  }

  /** A shared folder: the label its files are published under and its real path here. */
  public record SharedFolder(String label, Path path) {}

  /**
   * What one scan found: the files shared, their bytes, how many of them had to be hashed (new or
   * changed), the bytes hashed, and how many entries were skipped (links, special files).
   */
  public record ScanStats(int files, long bytes, int hashed, long hashedBytes, int skipped) {}

  /** A folder being shared, and the future of its first scan. */
  public record Sharing(SharedFolder folder, CompletableFuture<ScanStats> indexed) {}

  private static final class Folder {
    final SharedFolder shared;
    final CompletableFuture<ScanStats> firstScan = new CompletableFuture<>();
    Map<String, IndexedFile> files = Map.of();
    boolean loaded;
    ScheduledFuture<?> pending;

    Folder(SharedFolder shared) {
      this.shared = shared;
    }
  }

  private record Snapshot(
      Map<String, IndexedFile> byPath,
      Map<FileHash, List<IndexedFile>> byHash,
      List<SharedFile> published) {
    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), List.of());
  }

  private final IndexStore store;
  private final Listener listener;
  private final LongToIntFunction chunkSizeFor;
  private final ScheduledExecutorService executor;
  private final FolderWatcher watcher;
  private final Map<String, Folder> folders = new LinkedHashMap<>(); // by label; guarded by this
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  private ShareIndex(ProfileDatabase db, Listener listener, LongToIntFunction chunkSizeFor)
      throws IOException {
    this.store = new IndexStore(db);
    this.listener = listener;
    this.chunkSizeFor = chunkSizeFor;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("share-index").daemon().factory());
    this.watcher = new FolderWatcher(tag -> rescanSoon((Folder) tag));
  }

  /** An index with no folders yet, caching in {@code db}. */
  public static ShareIndex open(ProfileDatabase db, Listener listener) throws IOException {
    return new ShareIndex(db, listener, Chunks::chunkSizeFor);
  }

  /**
   * An index that cuts files into chunks of {@code chunkSizeFor(size)} bytes instead of the
   * default: for measuring what chunk size works best.
   */
  public static ShareIndex open(
      ProfileDatabase db, Listener listener, LongToIntFunction chunkSizeFor) throws IOException {
    return new ShareIndex(db, listener, chunkSizeFor);
  }

  /**
   * Shares {@code dir}: checks that it is a readable folder (else throws a sentence), then indexes
   * it in the background and watches it. The returned future completes when the first scan is done.
   */
  public Sharing share(Path dir) throws ShareException {
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      throw new ShareException("cannot share " + dir + ": it does not exist");
    }
    if (!Files.isDirectory(absolute)) {
      throw new ShareException("cannot share " + dir + ": it is not a folder");
    }
    if (!Files.isReadable(absolute) || !Files.isExecutable(absolute)) {
      throw new ShareException("cannot share " + dir + ": it is not readable");
    }
    Path real;
    try {
      real = absolute.toRealPath();
    } catch (IOException e) {
      throw new ShareException("cannot share " + dir + ": " + e.getMessage());
    }
    Folder folder;
    synchronized (this) {
      for (Folder f : folders.values()) {
        Path other = f.shared.path();
        if (other.equals(real)) {
          throw new ShareException(dir + " is shared already, as " + f.shared.label());
        }
        if (real.startsWith(other) || other.startsWith(real)) {
          throw new ShareException(
              "cannot share "
                  + dir
                  + ": it overlaps the shared folder "
                  + other
                  + " (a file would be shared twice)");
        }
      }
      folder = new Folder(new SharedFolder(label(real), real));
      folders.put(folder.shared.label(), folder);
    }
    try {
      store.addFolder(real);
    } catch (IOException e) {
      LOG.warn(
          "cannot record {} as shared; share it again after a restart: {}", real, e.getMessage());
    }
    executor.execute(() -> scan(folder));
    return new Sharing(folder.shared, folder.firstScan);
  }

  /**
   * Shares again the folders shared in an earlier run (they stay shared until unshared); a folder
   * that cannot be shared any more is reported to {@code problems} and forgotten.
   */
  public List<Sharing> restore(java.util.function.Consumer<String> problems) {
    List<Sharing> restored = new ArrayList<>();
    List<Path> saved;
    try {
      saved = store.folders();
    } catch (IOException e) {
      problems.accept("cannot read the shared folders: " + e.getMessage());
      return restored;
    }
    for (Path dir : saved) {
      try {
        restored.add(share(dir));
      } catch (ShareException e) {
        problems.accept(e.getMessage() + "; it is no longer shared");
        try {
          store.removeFolder(dir);
        } catch (IOException ignored) {
          // it stays recorded, and is reported again next time
        }
      }
    }
    return restored;
  }

  /** Stops sharing the folder {@code dir} (by path or label); false if it was not shared. */
  public boolean unshare(String dirOrLabel) {
    Folder removed = null;
    synchronized (this) {
      for (Folder f : folders.values()) {
        if (f.shared.label().equals(dirOrLabel)
            || f.shared.path().toString().equals(dirOrLabel)
            || f.shared.path().equals(Path.of(dirOrLabel).toAbsolutePath().normalize())) {
          removed = f;
        }
      }
      if (removed == null) {
        return false;
      }
      folders.remove(removed.shared.label());
    }
    watcher.unregister(removed);
    executor.execute(this::publishSnapshot);
    try {
      store.removeFolder(removed.shared.path());
    } catch (IOException e) {
      LOG.warn("cannot forget {} as shared: {}", removed.shared.path(), e.getMessage());
    }
    return true;
  }

  /** The folders shared now, in the order they were added. */
  public synchronized List<SharedFolder> folders() {
    return folders.values().stream().map(f -> f.shared).toList();
  }

  /** The list to publish: every indexed file, sorted by path, with no local path in it. */
  public List<SharedFile> published() {
    return snapshot.published();
  }

  /** The indexed file published as {@code path}, if any. */
  public Optional<IndexedFile> find(String path) {
    return Optional.ofNullable(snapshot.byPath().get(path));
  }

  /** The indexed files with content {@code sha256}. */
  public List<IndexedFile> find(FileHash sha256) {
    return snapshot.byHash().getOrDefault(sha256, List.of());
  }

  /** The shared folder labelled {@code label}, if any. */
  public synchronized Optional<SharedFolder> folder(String label) {
    Folder f = folders.get(label);
    return f == null ? Optional.empty() : Optional.of(f.shared);
  }

  /** Asks for a rescan of the folder labelled {@code label} soon (a file changed under it). */
  public void rescanSoon(String label) {
    Folder f;
    synchronized (this) {
      f = folders.get(label);
    }
    if (f != null) {
      rescanSoon(f);
    }
  }

  private void rescanSoon(Folder folder) {
    synchronized (folder) {
      if (folder.pending == null || folder.pending.isDone()) {
        folder.pending =
            executor.schedule(() -> scan(folder), RESCAN_DELAY_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
  }

  private String label(Path real) {
    Path name = real.getFileName();
    String base = name == null ? "files" : name.toString();
    if (base.startsWith(".") || SharedPaths.problem(base).isPresent() || base.contains("/")) {
      base = "shared";
    }
    String label = base;
    for (int i = 2; folders.containsKey(label); i++) {
      label = base + "-" + i;
    }
    return label;
  }

  private void scan(Folder folder) {
    synchronized (folder) {
      folder.pending = null;
    }
    synchronized (this) {
      if (folders.get(folder.shared.label()) != folder) {
        return; // unshared meanwhile
      }
    }
    try {
      ScanStats stats = scanNow(folder);
      folder.firstScan.complete(stats);
      listener.scanned(folder.shared, stats);
    } catch (IOException | RuntimeException e) {
      LOG.warn("scanning {} failed", folder.shared.path(), e);
      folder.firstScan.completeExceptionally(e);
      if (!Files.isDirectory(folder.shared.path())) {
        lose(folder, folder.shared.path() + " is gone");
      }
    }
  }

  private ScanStats scanNow(Folder folder) throws IOException {
    Path root = folder.shared.path();
    String label = folder.shared.label();
    if (!folder.loaded) {
      folder.files = store.load(root, label);
      folder.loaded = true;
    }
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(root)) {
      lose(folder, root + " is gone or no longer readable");
      throw new IOException(root + " is gone or no longer readable");
    }
    FolderWalk.Found walk = FolderWalk.walk(root, label, dir -> watcher.register(dir, folder));
    Map<String, FileState> found = walk.files();
    int skipped = walk.skipped();
    Map<String, IndexedFile> next = new HashMap<>();
    List<IndexedFile> changed = new ArrayList<>();
    int hashed = 0;
    long hashedBytes = 0;
    long bytes = 0;
    boolean inFlux = false;
    for (var e : found.entrySet()) {
      String relative = e.getKey();
      FileState state = e.getValue();
      IndexedFile cached = folder.files.get(relative);
      if (cached != null && cached.sameAs(state)) {
        next.put(relative, cached);
        bytes += cached.size();
        continue;
      }
      Path file = root.resolve(relative);
      FileHasher.Digest digest;
      FileState after;
      try {
        digest = FileHasher.hash(file, chunkSizeFor.applyAsInt(state.size()));
        after = FileState.of(file);
      } catch (IOException ex) {
        LOG.debug("cannot hash {}: {}", file, ex.toString());
        skipped++;
        continue;
      }
      hashed++;
      hashedBytes += digest.size();
      if (after.size() != state.size()
          || after.modifiedNanos() != state.modifiedNanos()
          || !after.fileKey().equals(state.fileKey())
          || digest.size() != state.size()) {
        inFlux = true; // being written: index it once it is quiet
        continue;
      }
      IndexedFile entry =
          new IndexedFile(
              label + "/" + relative,
              root,
              relative,
              state.size(),
              state.modifiedNanos(),
              state.fileKey(),
              digest.chunkSize(),
              digest.sha256(),
              digest.chunks());
      next.put(relative, entry);
      changed.add(entry);
      bytes += entry.size();
    }
    Set<String> removed = new HashSet<>(folder.files.keySet());
    removed.removeAll(next.keySet());
    store.save(root, changed, removed);
    folder.files = Map.copyOf(next);
    if (!changed.isEmpty() || !removed.isEmpty() || !folder.firstScan.isDone()) {
      publishSnapshot();
    }
    if (inFlux) {
      rescanSoon(folder);
    }
    ScanStats stats = new ScanStats(next.size(), bytes, hashed, hashedBytes, skipped);
    LOG.debug("scanned {}: {}", root, stats);
    return stats;
  }

  private void lose(Folder folder, String why) {
    synchronized (this) {
      if (folders.get(folder.shared.label()) != folder) {
        return;
      }
      folders.remove(folder.shared.label());
    }
    watcher.unregister(folder);
    publishSnapshot();
    listener.folderLost(folder.shared, why);
  }

  private void publishSnapshot() {
    Map<String, IndexedFile> byPath = new HashMap<>();
    Map<FileHash, List<IndexedFile>> byHash = new HashMap<>();
    synchronized (this) {
      for (Folder f : folders.values()) {
        for (IndexedFile file : f.files.values()) {
          byPath.put(file.publishedPath(), file);
          byHash.computeIfAbsent(file.sha256(), h -> new ArrayList<>()).add(file);
        }
      }
    }
    List<SharedFile> published =
        byPath.values().stream()
            .map(IndexedFile::published)
            .sorted(Comparator.comparing(SharedFile::path))
            .toList();
    Snapshot before = snapshot;
    snapshot = new Snapshot(Map.copyOf(byPath), Map.copyOf(byHash), published);
    if (!published.equals(before.published())) {
      listener.listChanged();
    }
  }

  @Override
  public void close() {
    watcher.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
