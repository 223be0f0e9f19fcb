package p2pchat.peer.share;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the folders of shared trees (every subfolder is registered, since a watch is not
 * recursive) and says which tree changed. It says nothing about what changed: the index rescans the
 * tree, which costs little when nothing else changed (unchanged files are not hashed again).
 */
final class FolderWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

  private final WatchService service;
  private final Map<WatchKey, Object> tags = new ConcurrentHashMap<>();
  private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
  private final Consumer<Object> changed;
  private final Thread thread;

  /** Starts watching; {@code changed} gets the tag of a tree where something happened. */
  FolderWatcher(Consumer<Object> changed) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.changed = changed;
    this.thread = Thread.ofPlatform().name("share-watcher").daemon().start(this::run);
  }

  /** Watches {@code dir} (not its subfolders) as part of the tree tagged {@code tag}. */
  void register(Path dir, Object tag) {
    if (keys.containsKey(dir)) {
      return;
    }
    try {
      WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
      tags.put(key, tag);
      keys.put(dir, key);
    } catch (IOException | ClosedWatchServiceException e) {
      // Changes there are found by the next rescan of the tree instead.
      LOG.debug("cannot watch {}: {}", dir, e.toString());
    }
  }

  /** Stops watching every folder of the tree tagged {@code tag}. */
  void unregister(Object tag) {
    tags.forEach(
        (key, t) -> {
          if (t == tag) {
            key.cancel();
            tags.remove(key);
            keys.values().remove(key);
          }
        });
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = service.take();
        key.pollEvents();
        Object tag = tags.get(key);
        if (!key.reset()) {
          tags.remove(key);
          keys.values().remove(key);
        }
        if (tag != null) {
          changed.accept(tag);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service: {}", e.toString());
    }
    thread.interrupt();
  }
}
