package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferException;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferInfo.Status;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.identity.PeerId;
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
 * <p>Threads: state changes happen under this object's lock. Each source's bytes are gathered,
 * hashed and written on that source's own thread (so hashing runs in parallel with TLS), and the
 * whole-file hash follows the verified chunks in order on a thread of its own, from the sources'
 * buffers when it can (see {@link WholeFileCheck}).
 */
final class Download {
  private static final Logger LOG = LoggerFactory.getLogger(Download.class);
  private static final int TRANSFER_ID = SourceWorker.TRANSFER_ID;

  /** What a download tells its manager. */
  interface Listener {
    void event(TransferEvent event);

    /** The download is over: done, failed or cancelled. */
    void ended(Download download);
  }

  /** What was asked for. */
  record Request(String owner, String remotePath, FileHash sha256, long size, Path target) {}

  private final int id;
  private final Request request;
  private final TransferNetwork network;
  private final SourceFinder finder;
  private final Listener listener;
  private final TransferSettings settings;

  // Guarded by this.
  private Status status = Status.CONNECTING;
  private String note = "";
  private Path finalTarget;
  private Manifest manifest;
  private String manifestFrom;
  private DownloadState state;
  private final ChunkQueue chunks = new ChunkQueue();
  private final List<SourceWorker> workers = new ArrayList<>();
  private final SourceBook sources = new SourceBook();
  private boolean finding;
  private final RetryTimer retry;
  private WholeFileCheck whole;
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
    this.network = network;
    this.finder = finder;
    this.listener = listener;
    this.settings = network.settings();
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
    findSources();
  }

  /** Looks for sources now if the download is waiting (someone came online). */
  synchronized void retryNow() {
    if (status == Status.WAITING) {
      retry.cancel();
      retry.reset();
      findSources();
    }
  }

  // ---- sources ----

  private void findSources() {
    synchronized (this) {
      if (finding || over()) {
        return;
      }
      finding = true;
    }
    Thread.ofVirtual().name("find-sources-" + id).start(this::findAndConnect);
  }

  private void findAndConnect() {
    List<Source> found;
    try {
      found = finder.find(request.sha256(), request.owner(), request.remotePath());
    } catch (IOException | RuntimeException e) {
      if (e instanceof RuntimeException) {
        LOG.warn("download {}: looking for sources failed", id, e);
      }
      synchronized (this) {
        finding = false;
        if (workers.isEmpty() && !sources.anyConnecting()) {
          waitForSources("cannot look for sources: " + e.getMessage());
        }
      }
      return;
    }
    synchronized (this) {
      finding = false;
      LOG.debug(
          "download {}: found {}; {} connected, {} connecting",
          id,
          found,
          workers,
          sources.connecting());
      if (over()) {
        return;
      }
      Set<PeerId> busy = sources.busy(workers);
      int room = settings.maxSources() - busy.size();
      for (Source source : found) {
        PeerId peer = source.peerId();
        if (room <= 0) {
          break;
        }
        if (busy.contains(peer) || !sources.usable(peer)) {
          continue;
        }
        busy.add(peer);
        sources.dialing(peer);
        room--;
        connect(source);
      }
      if (workers.isEmpty() && !sources.anyConnecting()) {
        boolean allRefused = sources.allRefused(found);
        String lastRefusal = sources.lastRefusal();
        // A download that never started fails with the source's sentence; one with progress waits
        // (the source may be back in a moment, sharing again), and refused sources are asked again.
        if (allRefused && manifest == null) {
          fail(lastRefusal != null ? lastRefusal : "every source sent bad data");
        } else {
          waitForSources(
              found.isEmpty()
                  ? "nobody who shares it is online"
                  : allRefused && lastRefusal != null
                      ? lastRefusal
                      : "no source that shares it can be reached");
        }
      }
    }
  }

  private void connect(Source source) {
    SourceWorker worker = new SourceWorker(id, source, DownloadReports.forWorkers(this));
    network
        .dial(source, worker)
        .thenCompose(
            connection -> {
              worker.connection = connection;
              Optional<FileHash> hash = Optional.of(request.sha256());
              return connection.manifest(TRANSFER_ID, source.path(), hash);
            })
        .whenComplete(
            (m, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                sourceFailed(worker, cause);
              } else {
                manifestArrived(worker, m);
              }
            });
  }

  private synchronized void sourceFailed(SourceWorker worker, Throwable cause) {
    sources.dialed(worker.source.peerId());
    if (worker.connection != null) {
      worker.connection.close();
    }
    String why = cause.getMessage();
    LOG.info("download {}: source {} failed: {}", id, worker.source, why);
    if (cause instanceof TransferException t && definitive(t.code())) {
      sources.refused(worker.source, worker.source.name() + " cannot send " + name() + ": " + why);
    } else {
      sources.unreachable(worker.source);
    }
    afterSourceLoss();
  }

  private synchronized void manifestArrived(SourceWorker worker, Manifest m) {
    sources.dialed(worker.source.peerId());
    if (over()) {
      worker.connection.close();
      return;
    }
    if (!m.sha256().equals(request.sha256()) || m.size() != request.size()) {
      sources.refused(
          worker.source, worker.source.name() + " now shares other content as " + m.path());
      worker.connection.close();
      afterSourceLoss();
      return;
    }
    if (manifest == null) {
      try {
        state = DownloadState.open(request.target(), m);
      } catch (IOException e) {
        worker.connection.close();
        fail("cannot write " + DownloadState.partialOf(request.target()) + ": " + e.getMessage());
        return;
      }
      manifest = m;
      manifestFrom = worker.source.name();
      chunks.load(m, state);
      whole =
          new WholeFileCheck(id, m, state, request.sha256(), DownloadReports.forWholeCheck(this));
      status = Status.RUNNING;
      rate.record(chunks.doneBytes());
      listener.event(new TransferEvent.Started(info(), state.verifiedCount() > 0));
      if (state.complete()) {
        whole.kick();
      }
    } else if (!manifest.sameContent(m)) {
      LOG.info(
          "download {}: {} describes the chunks of {} differently from {}; not used",
          id,
          worker.source,
          name(),
          manifestFrom);
      sources.refusedQuietly(worker.source);
      worker.connection.close();
      afterSourceLoss();
      return;
    }
    status = status == Status.WAITING || status == Status.CONNECTING ? Status.RUNNING : status;
    retry.reset();
    workers.add(worker);
    sources.connected(worker.source);
    fill(worker);
  }

  /** Gives {@code worker} chunks to fetch until it has its pipeline full or none are left. */
  private void fill(SourceWorker worker) {
    if (worker.retired || status != Status.RUNNING) {
      return;
    }
    chunks.fill(worker, settings.pipelineChunks(manifest.chunkSize()));
  }

  private void fillAll() {
    for (SourceWorker w : List.copyOf(workers)) {
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
    worker.retired = true;
    LOG.info("download {}: dropped {}: {}", id, worker.source, why);
    try {
      worker.sink.execute(
          () -> {
            synchronized (Download.this) {
              chunks.putBackAll(worker.inFlight);
              workers.remove(worker);
              fillAll();
              afterSourceLoss();
            }
          });
    } catch (RejectedExecutionException e) {
      workers.remove(worker);
    }
    worker.sink.shutdown();
    worker.connection.abort();
  }

  private void afterSourceLoss() {
    if (over() || status == Status.VERIFYING) {
      return;
    }
    if (workers.size() + sources.connectingCount() < settings.maxSources()) {
      findSources(); // replace it, or decide between waiting and failing
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
      findSources();
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
      sources.lied(worker.source);
      chunks.putBack(index);
      String why =
          worker.source.name()
              + " sent chunk "
              + index
              + " of "
              + name()
              + " with the wrong SHA-256 (it does not match its own manifest); the chunk is"
              + " fetched again from another source and "
              + worker.source.name()
              + " is not used again for this file";
      LOG.info("download {}: {}", id, why); // the user is told by the event
      listener.event(new TransferEvent.BadSource(info(), worker.source.name(), why));
      retire(worker, "sent a bad chunk");
      return false;
    }
    state.markVerified(index);
    chunks.verified(manifest.length(index));
    rate.record(chunks.doneBytes());
    boolean kept = whole.offer(index, bytes, worker);
    whole.kick();
    if (state.complete()) {
      status = Status.VERIFYING;
      for (SourceWorker w : workers) {
        w.connection.closeTransfer(TRANSFER_ID);
      }
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
      List<Integer> bad = ChunkRecheck.badChunks(manifest, state);
      if (bad.isEmpty()) {
        fail(
            "every chunk matches the manifest of "
                + manifestFrom
                + ", but the whole file's SHA-256 is not "
                + request.sha256().hex()
                + ": that manifest is wrong");
        return;
      }
      LOG.warn("download {}: chunks {} were bad on disk; fetching them again", id, bad);
      for (int i : bad) {
        state.unmark(i);
        chunks.refetch(i, manifest.length(i));
      }
      whole =
          new WholeFileCheck(
              id, manifest, state, request.sha256(), DownloadReports.forWholeCheck(this));
      status = Status.RUNNING;
      if (workers.isEmpty()) {
        findSources();
      } else {
        fillAll();
      }
    } catch (IOException e) {
      fail("cannot read " + DownloadState.partialOf(request.target()) + ": " + e.getMessage());
    }
  }

  private void finish() {
    try {
      Path target = request.target();
      for (int n = 2; Files.exists(target); n++) {
        target = Downloads.numbered(request.target(), n); // someone made the file meanwhile
      }
      state.finish(target);
      finalTarget = target;
    } catch (IOException e) {
      fail("cannot put the finished file in place: " + e.getMessage());
      return;
    }
    status = Status.DONE;
    note = "";
    closeWorkers();
    LOG.info("download {}: {} complete, SHA-256 {}", id, finalTarget, request.sha256().hex());
    listener.event(new TransferEvent.Finished(info(), finalTarget));
    listener.ended(this);
  }

  private void fail(String why) {
    if (over()) {
      return;
    }
    status = Status.FAILED;
    note = why;
    closeWorkers();
    if (state != null) {
      state.close();
    }
    LOG.info("download {} failed: {}", id, why);
    listener.event(new TransferEvent.Failed(info(), why));
    listener.ended(this);
  }

  /** Cancels: stops fetching and removes the partial file and its state. */
  synchronized void cancel() {
    if (over()) {
      return;
    }
    status = Status.CANCELLED;
    note = "cancelled";
    closeWorkers();
    try {
      if (state != null) {
        state.discard();
      } else {
        Files.deleteIfExists(DownloadState.partialOf(request.target()));
        Files.deleteIfExists(DownloadState.stateOf(request.target()));
      }
    } catch (IOException e) {
      LOG.warn("download {}: cannot remove its partial file: {}", id, e.toString());
    }
    listener.ended(this);
  }

  /** Stops at once, leaving the partial file and state as they are (the node is stopping). */
  synchronized void stop() {
    if (over()) {
      return;
    }
    status = Status.CANCELLED;
    note = "stopped";
    closeWorkers();
    if (state != null) {
      state.close();
    }
  }

  private void closeWorkers() {
    retry.cancel();
    for (SourceWorker w : List.copyOf(workers)) {
      w.retired = true;
      w.sink.shutdown();
      w.connection.abort();
    }
    workers.clear();
  }

  /** Whether a source's refusal means it will not have this content when asked again. */
  private static boolean definitive(ErrorCode code) {
    return code == ErrorCode.NO_SUCH_FILE
        || code == ErrorCode.PATH_REFUSED
        || code == ErrorCode.FILE_CHANGED;
  }

  private boolean over() {
    return status == Status.DONE || status == Status.FAILED || status == Status.CANCELLED;
  }

  private String name() {
    String path = request.remotePath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The download as it stands. */
  synchronized TransferInfo info() {
    double speed = status == Status.RUNNING ? rate.bytesPerSecond() : 0;
    Optional<Duration> eta =
        speed > 0
            ? Optional.of(
                Duration.ofSeconds((long) Math.ceil((request.size() - chunks.doneBytes()) / speed)))
            : Optional.empty();
    List<TransferInfo.SourceInfo> sources = new ArrayList<>();
    for (SourceWorker w : workers) {
      sources.add(new TransferInfo.SourceInfo(w.source.name(), w.bytes));
    }
    return new TransferInfo(
        id,
        name(),
        request.owner(),
        request.remotePath(),
        request.sha256(),
        request.size(),
        chunks.doneBytes(),
        speed,
        eta,
        sources,
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
    return manifest;
  }

  synchronized DownloadState state() {
    return state;
  }

  synchronized void received(SourceWorker worker, int bytes) {
    sources.received(worker.source, bytes);
  }

  synchronized void reclaim(SourceWorker worker) {
    if (whole != null) {
      whole.reclaim(worker);
    }
  }

  synchronized void misbehaved(SourceWorker worker, String what) {
    retire(worker, worker.source.name() + " " + what);
  }

  synchronized void refused(SourceWorker worker, ErrorCode code, String text) {
    if (definitive(code)) {
      sources.refused(
          worker.source, worker.source.name() + " cannot send " + name() + " any more: " + text);
    }
    retire(worker, text);
  }

  synchronized void closed(SourceWorker worker, String why) {
    if (!worker.retired) {
      sources.unreachable(worker.source);
    }
    retire(worker, why);
  }

  synchronized void writeFailed(IOException e) {
    fail("cannot write " + DownloadState.partialOf(request.target()) + ": " + e.getMessage());
  }

  synchronized boolean wanted(WholeFileCheck check) {
    return whole == check && !over();
  }

  synchronized void readFailed(IOException e) {
    fail("cannot read " + DownloadState.partialOf(request.target()) + ": " + e.getMessage());
  }
}
