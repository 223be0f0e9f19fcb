package p2pchat.peer.rendezvous;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.NodeEvent.Code;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.registry.client.RegistryException;

/**
 * Publishes the list of shared files to the registry, a moment after it changes (so that a folder
 * being indexed is published once, not file by file), on a thread of its own.
 */
final class FilePublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FilePublisher.class);
  private static final long PUBLISH_DELAY_MILLIS = 300;

  private final RegistrySession registry;
  private final Consumer<NodeEvent> events;
  private final ScheduledExecutorService thread;
  private ScheduledFuture<?> pending; // guarded by this
  private Supplier<List<SharedFile>> files = List::of; // guarded by this

  FilePublisher(String me, RegistrySession registry, Consumer<NodeEvent> events) {
    this.registry = registry;
    this.events = events;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("files-" + me).daemon().factory());
  }

  /** Publishes {@code files} in a moment (a pending publication takes the newest list). */
  synchronized void publishSoon(Supplier<List<SharedFile>> files) {
    this.files = files;
    if (pending != null && !pending.isDone()) {
      return;
    }
    pending = thread.schedule(this::publish, PUBLISH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void publish() {
    Supplier<List<SharedFile>> source;
    synchronized (this) {
      source = files;
    }
    List<SharedFile> list = source.get();
    try {
      registry.client().publishFiles(list);
      LOG.debug("published {} files", list.size());
    } catch (RegistryException e) {
      // Published again at the next login.
      LOG.info("cannot publish the file list: {}", e.getMessage());
      if (e.code() == ErrorCode.TOO_MANY_FILES) {
        events.accept(new NodeEvent.Warning(Code.TOO_MANY_FILES, e.getMessage()));
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
