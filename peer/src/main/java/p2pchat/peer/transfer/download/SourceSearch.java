package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.peer.transfer.TransferSettings;

/**
 * How a download gets its sources: one look at a time for who shares the file, on a thread of its
 * own (the finder may ask the network); then it dials those worth dialing ({@link
 * SourceBook#toDial}), asks each for its manifest, and hands the download every source whose
 * manifest describes the content asked for. When nobody is left it gives the download the verdict.
 * Guarded by the download's lock, which each step coming from another thread takes.
 */
final class SourceSearch {
  private static final Logger LOG = LoggerFactory.getLogger(SourceSearch.class);

  /** What the search needs of its download; called under the download's lock. */
  interface Owner {
    /** The download's lock, which guards the search and {@link SourceBook}. */
    Object lock();

    /** Whether the download is over: no more looking, dialing or sources. */
    boolean over();

    /** Whether a manifest came already (the download has progress). */
    boolean started();

    /** {@code worker}'s source is connected and its manifest describes the content asked for. */
    void ready(SourceWorker worker, Manifest manifest);

    /** A source was lost before it was used: replace it, or decide. */
    void lost();

    /** No source is connected or being dialed after a look: fail, or wait and look again. */
    void noneLeft(SourceBook.Verdict verdict);
  }

  private final int id;
  private final Download.Request request;
  private final TransferNetwork network;
  private final TransferSettings settings;
  private final SourceFinder finder;
  private final SourceBook sources;
  private final SourceWorker.Owner workers;
  private final Owner owner;
  private boolean finding; // guarded by owner.lock()

  SourceSearch(
      int id,
      Download.Request request,
      TransferNetwork network,
      SourceFinder finder,
      SourceBook sources,
      SourceWorker.Owner workers,
      Owner owner) {
    this.id = id;
    this.request = request;
    this.network = network;
    this.settings = network.settings();
    this.finder = finder;
    this.sources = sources;
    this.workers = workers;
    this.owner = owner;
  }

  /** Starts a look for sources unless one is under way or the download is over; any thread. */
  void look() {
    synchronized (owner.lock()) {
      if (finding || owner.over()) {
        return;
      }
      finding = true;
    }
    Thread.ofVirtual().name("find-sources-" + id).start(this::findAndConnect);
  }

  private void findAndConnect() {
    List<Source> found;
    try {
      // Off the lock: the finder may wait on the network.
      found = finder.find(request.sha256(), request.owner(), request.remotePath());
    } catch (IOException | RuntimeException e) {
      if (e instanceof RuntimeException) {
        LOG.warn("download {}: looking for sources failed", id, e);
      }
      synchronized (owner.lock()) {
        finding = false;
        if (sources.noneLeft()) {
          owner.noneLeft(new SourceBook.Verdict.Wait("cannot look for sources: " + e.getMessage()));
        }
      }
      return;
    }
    synchronized (owner.lock()) {
      finding = false;
      LOG.debug(
          "download {}: found {}; {} connected, {} connecting",
          id,
          found,
          sources.workers(),
          sources.connecting());
      if (owner.over()) {
        return;
      }
      // Marked as being dialed under the lock, before the dial starts, so that a look that ends
      // meanwhile neither dials them again nor decides that nobody is left.
      for (Source source : sources.toDial(found, settings.maxSources())) {
        connect(source);
      }
      if (sources.noneLeft()) {
        owner.noneLeft(sources.verdict(found, owner.started()));
      }
    }
  }

  /**
   * Dials {@code source} and asks for the manifest; what comes back is handled under the lock (on
   * the connection's thread, or on this one when the dial failed at once: the lock is reentrant).
   */
  private void connect(Source source) {
    SourceWorker worker = new SourceWorker(id, source, workers);
    worker
        .open(network, request.sha256())
        .whenComplete(
            (m, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                failed(worker, cause);
              } else {
                arrived(worker, m);
              }
            });
  }

  private void failed(SourceWorker worker, Throwable cause) {
    synchronized (owner.lock()) {
      sources.dialed(worker.source.peerId());
      if (worker.connection != null) {
        worker.connection.close();
      }
      LOG.info("download {}: source {} failed: {}", id, worker.source, cause.getMessage());
      sources.failed(worker.source, cause);
      owner.lost();
    }
  }

  private void arrived(SourceWorker worker, Manifest m) {
    synchronized (owner.lock()) {
      sources.dialed(worker.source.peerId());
      if (owner.over()) {
        worker.connection.close();
        return;
      }
      if (!m.sha256().equals(request.sha256()) || m.size() != request.size()) {
        sources.sharesOther(worker.source, m.path());
        worker.connection.close();
        owner.lost();
        return;
      }
      owner.ready(worker, m);
    }
  }
}
