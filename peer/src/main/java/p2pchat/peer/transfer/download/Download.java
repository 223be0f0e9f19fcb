package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferInfo.Status;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;

/**
 * One download: the chunks of one file fetched from one or more sources at once, each checked
 * against its SHA-256 as it arrives, written in place into the partial file, and recorded as
 * verified; then the whole file's SHA-256 is checked and the partial file renamed into place.
 *
 * <p>Every source gets its own connection and keeps a few chunk requests outstanding; chunks go to
 * whichever source asks for work next, so faster sources fetch more. A chunk that fails its check
 * marks its source as lying: it is reported, dropped and never asked again, and the chunk is
 * fetched from another source. A source that goes away hands its chunks back to the others; with
 * none left the download waits and looks for sources again, with growing pauses.
 *
 * <p>Threads: state changes happen under this object's lock, which also guards the helpers that
 * hold parts of that state: the sources ({@link SourceBook}), the file's progress ({@link
 * FileProgress}), the retry pauses ({@link RetryTimer}) and each worker's chunks in flight. Each
 * source's bytes are gathered, hashed and written on that source's own thread (so hashing runs in
 * parallel with TLS), and the whole-file hash follows the verified chunks in order on a thread of
 * its own, from the sources' buffers when it can (see {@link WholeFileCheck}). Nothing slow runs
 * under the lock: looking for sources, dialing and hashing happen outside it.
 */
final class Download {
  private static final Logger LOG = LoggerFactory.getLogger(Download.class);

  /** What a download tells its manager. */
  interface Listener {
    void event(TransferEvent event);

    /** The download is over: done, failed or cancelled. */
    void ended(Download download);
  }

  /** What was asked for. */
  record Request(String owner, String remotePath, FileHash sha256, long size, Path target) {
    /** The file's name: the last part of its published path. */
    String name() {
      return remotePath.substring(remotePath.lastIndexOf('/') + 1);
    }
  }

  private final int id;
  private final Request request;
  private final Listener listener;
  private final TransferSettings settings;

  // Guarded by this.
  private Status status = Status.CONNECTING;
  private String note = "";
  private Path finalTarget;
  private FileProgress progress; // from the first manifest on
  private final SourceBook sources;
  private final SourceSearch search;
  private final RetryTimer retry;
  private final RateMeter rate = new RateMeter();

  Download(
      int id,
      Request request,
      TransferNetwork network,
      SourceFinder finder,
      ScheduledExecutorService timers,
      Listener listener) {
    this.id = id;
    this.request = request;
    this.listener = listener;
    this.settings = network.settings();
    this.sources = new SourceBook(request.name());
    this.search =
        new SourceSearch(
            id,
            request,
            network,
            finder,
            sources,
            DownloadReports.forWorkers(this),
            DownloadReports.forSearch(this));
    this.retry = new RetryTimer(timers, settings);
    this.finalTarget = request.target();
  }

  int id() {
    return id;
  }

  Request request() {
    return request;
  }

  /** Starts looking for sources. */
  void start() {
    search.look();
  }

  /** Looks for sources now if the download is waiting (someone came online). */
  synchronized void retryNow() {
    if (status == Status.WAITING) {
      retry.cancel();
      retry.reset();
      search.look();
    }
  }

  // ---- sources ----

  // The search calls these holding the lock, from a dial's completion or its own thread.

  /** {@code worker}'s manifest describes the content asked for: use it if it agrees with ours. */
  void ready(SourceWorker worker, Manifest m) {
    assert Thread.holdsLock(this);
    if (progress == null) {
      try {
        progress =
            FileProgress.open(
                id, request, m, worker.source.name(), DownloadReports.forWholeCheck(this));
      } catch (IOException e) {
        worker.connection.close();
        partialFailed("write", e);
        return;
      }
      status = Status.RUNNING;
      rate.record(progress.doneBytes());
      listener.event(new TransferEvent.Started(info(), progress.resumed()));
      if (progress.complete()) {
        progress.checkWhole();
      }
    } else if (!progress.manifest().sameContent(m)) {
      LOG.info(
          "download {}: {} describes the chunks of {} differently from {}; not used",
          id,
          worker.source,
          request.name(),
          progress.manifestFrom());
      sources.refusedQuietly(worker.source);
      worker.connection.close();
      sourceLost();
      return;
    }
    status = status == Status.WAITING || status == Status.CONNECTING ? Status.RUNNING : status;
    retry.reset();
    sources.connected(worker);
    fill(worker);
  }

  /** Gives {@code worker} chunks to fetch until it has its pipeline full or none are left. */
  private void fill(SourceWorker worker) {
    if (worker.retired || status != Status.RUNNING) {
      return;
    }
    progress.fill(worker, settings); // RUNNING comes only with progress
  }

  private void fillAll() {
    for (SourceWorker w : List.copyOf(sources.workers())) {
      fill(w);
    }
  }

  /**
   * Takes {@code worker} out: it stops writing at once, and once its thread is idle its outstanding
   * chunks go back to the queue for the others.
   */
  private void retire(SourceWorker worker, String why) {
    if (worker.retired) {
      return;
    }
    LOG.info("download {}: dropped {}: {}", id, worker.source, why);
    // Its chunks go back only on its own thread, once idle: a chunk it is writing now must not be
    // fetched by another source meanwhile, nor counted twice.
    worker.retire(
        () -> {
          synchronized (Download.this) {
            if (progress != null) { // none before the first manifest: it had no chunks
              progress.putBackAll(worker.inFlight);
            }
            sources.removed(worker);
            fillAll();
            sourceLost();
          }
        },
        () -> sources.removed(worker));
  }

  /** A source went away, or was not used: look for another unless enough are in use. */
  void sourceLost() {
    assert Thread.holdsLock(this);
    if (over() || status == Status.VERIFYING) {
      return;
    }
    if (sources.inUse() < settings.maxSources()) {
      search.look(); // replace it, or decide between waiting and failing
    }
  }

  /** Nobody is left after a look: fail or wait, as {@code verdict} says. */
  void noneLeft(SourceBook.Verdict verdict) {
    assert Thread.holdsLock(this);
    switch (verdict) {
      case SourceBook.Verdict.Fail f -> fail(f.why());
      case SourceBook.Verdict.Wait w -> waitForSources(w.why());
    }
  }

  private void waitForSources(String why) {
    if (over()) {
      return;
    }
    boolean announce = status != Status.WAITING;
    LOG.debug("download {} waits: {}", id, why);
    status = Status.WAITING;
    sources.forgetFailures(); // the next look tries them again
    note = why;
    rate.reset();
    retry.schedule(this::retryFromTimer);
    if (announce) {
      listener.event(new TransferEvent.Waiting(info(), why));
    }
  }

  private synchronized void retryFromTimer() {
    if (status == Status.WAITING) {
      search.look();
    }
  }

  // ---- chunks ----

  /**
   * A chunk arrived whole from {@code worker} (called on its thread); {@code ok} if it checked, and
   * then written. Returns whether {@code bytes} were kept for the whole-file hash.
   */
  synchronized boolean chunkDone(SourceWorker worker, int index, boolean ok, ByteBuffer bytes)
      throws IOException {
    if (worker.inFlight.peek() == null || worker.inFlight.peek() != index) {
      throw new IllegalStateException("chunk " + index + " was not the one expected");
    }
    worker.inFlight.poll();
    if (over()) {
      return false;
    }
    if (!ok) {
      String why = sources.lied(worker.source, index);
      progress.putBack(index);
      LOG.info("download {}: {}", id, why); // the user is told by the event
      listener.event(new TransferEvent.BadSource(info(), worker.source.name(), why));
      retire(worker, "sent a bad chunk");
      return false;
    }
    boolean kept = progress.verified(index, bytes, worker);
    rate.record(progress.doneBytes());
    if (progress.complete()) {
      status = Status.VERIFYING;
      sources.allReceived();
    } else {
      fill(worker);
    }
    return kept;
  }

  synchronized void wholeChecked(boolean matches) {
    if (over()) {
      return;
    }
    if (matches) {
      finish();
      return;
    }
    // Every chunk matched the manifest, yet the whole does not match: a disk lost a write, or
    // the manifest itself is wrong. Check each chunk on disk again and fetch the bad ones.
    try {
      List<Integer> bad = progress.refetchBad();
      if (bad.isEmpty()) {
        fail(
            "every chunk matches the manifest of "
                + progress.manifestFrom()
                + ", but the whole file's SHA-256 is not "
                + request.sha256().hex()
                + ": that manifest is wrong");
        return;
      }
      LOG.warn("download {}: chunks {} were bad on disk; fetching them again", id, bad);
      status = Status.RUNNING;
      if (sources.workers().isEmpty()) {
        search.look();
      } else {
        fillAll();
      }
    } catch (IOException e) {
      partialFailed("read", e);
    }
  }

  private void finish() {
    try {
      finalTarget = progress.finish(request.target());
    } catch (IOException e) {
      fail("cannot put the finished file in place: " + e.getMessage());
      return;
    }
    end(Status.DONE, "");
    LOG.info("download {}: {} complete, SHA-256 {}", id, finalTarget, request.sha256().hex());
    listener.event(new TransferEvent.Finished(info(), finalTarget));
    listener.ended(this);
  }

  private void fail(String why) {
    if (!end(Status.FAILED, why)) {
      return;
    }
    if (progress != null) {
      progress.close();
    }
    LOG.info("download {} failed: {}", id, why);
    listener.event(new TransferEvent.Failed(info(), why));
    listener.ended(this);
  }

  /** Cancels: stops fetching and removes the partial file and its state. */
  synchronized void cancel() {
    if (!end(Status.CANCELLED, "cancelled")) {
      return;
    }
    try {
      if (progress != null) {
        progress.discard();
      } else {
        DownloadState.discard(request.target());
      }
    } catch (IOException e) {
      LOG.warn("download {}: cannot remove its partial file: {}", id, e.toString());
    }
    listener.ended(this);
  }

  /** Stops at once, leaving the partial file and state as they are (the node is stopping). */
  synchronized void stop() {
    if (end(Status.CANCELLED, "stopped") && progress != null) {
      progress.close();
    }
  }

  /**
   * Moves to {@code to}, which is over, and stops looking and every source; false if the download
   * was over already.
   */
  private boolean end(Status to, String why) {
    if (over()) {
      return false;
    }
    status = to;
    note = why;
    retry.cancel();
    sources.stopAll();
    return true;
  }

  // Under the lock, as every read of the status; not synchronized itself since the chunk path
  // asks it holding the lock already.

  /** Whether the download is done, failed or cancelled. */
  boolean over() {
    return status == Status.DONE || status == Status.FAILED || status == Status.CANCELLED;
  }

  /** Whether a manifest came already. */
  boolean started() {
    assert Thread.holdsLock(this);
    return progress != null;
  }

  /** The download as it stands. */
  synchronized TransferInfo info() {
    long done = progress == null ? 0 : progress.doneBytes();
    double speed = status == Status.RUNNING ? rate.bytesPerSecond() : 0;
    Optional<Duration> eta =
        speed > 0
            ? Optional.of(Duration.ofSeconds((long) Math.ceil((request.size() - done) / speed)))
            : Optional.empty();
    return new TransferInfo(
        id,
        request.name(),
        request.owner(),
        request.remotePath(),
        request.sha256(),
        request.size(),
        done,
        speed,
        eta,
        sources.infos(),
        status,
        note,
        finalTarget);
  }

  /** Bytes each source sent during this run, including those no longer in use. */
  synchronized Map<String, Long> bytesBySource() {
    return sources.bytesBySource();
  }

  // ---- what workers and the whole-file check report (through DownloadReports) ----

  synchronized Manifest manifest() {
    return progress == null ? null : progress.manifest();
  }

  synchronized DownloadState state() {
    return progress == null ? null : progress.state();
  }

  synchronized void received(SourceWorker worker, int bytes) {
    sources.received(worker.source, bytes);
  }

  synchronized void reclaim(SourceWorker worker) {
    if (progress != null) {
      progress.reclaim(worker);
    }
  }

  synchronized void misbehaved(SourceWorker worker, String what) {
    retire(worker, worker.source.name() + " " + what);
  }

  synchronized void refused(SourceWorker worker, ErrorCode code, String text) {
    sources.stopped(worker.source, code, text);
    retire(worker, text);
  }

  synchronized void closed(SourceWorker worker, String why) {
    if (!worker.retired) {
      sources.unreachable(worker.source);
    }
    retire(worker, why);
  }

  synchronized void writeFailed(IOException e) {
    partialFailed("write", e);
  }

  synchronized boolean wanted(WholeFileCheck check) {
    return progress != null && progress.current(check) && !over();
  }

  synchronized void readFailed(IOException e) {
    partialFailed("read", e);
  }

  private void partialFailed(String doing, IOException e) {
    Path partial = DownloadState.partialOf(request.target());
    fail("cannot " + doing + " " + partial + ": " + e.getMessage());
  }
}
