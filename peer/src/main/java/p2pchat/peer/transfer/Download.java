package p2pchat.peer.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.transfer.TransferInfo.Status;
import p2pchat.protocol.Limits;
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
  private final ScheduledExecutorService timers;
  private final Listener listener;
  private final TransferSettings settings;

  // Guarded by this.
  private Status status = Status.CONNECTING;
  private String note = "";
  private Path finalTarget;
  private Manifest manifest;
  private String manifestFrom;
  private DownloadState state;
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private final List<SourceWorker> workers = new ArrayList<>();
  private final Set<PeerId> connecting = new HashSet<>();
  private final Set<PeerId> liars = new HashSet<>();
  private final Set<PeerId> refused = new HashSet<>(); // said the file is not (or no longer) there
  private final Set<PeerId> unreachable = new HashSet<>(); // until the next retry
  private final Map<String, Long> bytesBySource = new LinkedHashMap<>();
  private String lastRefusal;
  private boolean finding;
  private ScheduledFuture<?> retry;
  private Duration nextRetry;
  private WholeFileCheck whole;
  private final RateMeter rate = new RateMeter();
  private long doneBytes;

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
    this.timers = timers;
    this.listener = listener;
    this.settings = network.settings();
    this.nextRetry = settings.retryMin();
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
      if (retry != null) {
        retry.cancel(false);
      }
      nextRetry = settings.retryMin();
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
        if (workers.isEmpty() && connecting.isEmpty()) {
          waitForSources("cannot look for sources: " + e.getMessage());
        }
      }
      return;
    }
    synchronized (this) {
      finding = false;
      LOG.debug(
          "download {}: found {}; {} connected, {} connecting", id, found, workers, connecting);
      if (over()) {
        return;
      }
      Set<PeerId> busy = new HashSet<>(connecting);
      workers.forEach(w -> busy.add(w.source.peerId()));
      int room = settings.maxSources() - busy.size();
      for (Source source : found) {
        PeerId peer = source.peerId();
        if (room <= 0) {
          break;
        }
        if (busy.contains(peer)
            || liars.contains(peer)
            || refused.contains(peer)
            || unreachable.contains(peer)) {
          continue;
        }
        busy.add(peer);
        connecting.add(peer);
        room--;
        connect(source);
      }
      if (workers.isEmpty() && connecting.isEmpty()) {
        boolean allRefused =
            !found.isEmpty()
                && found.stream()
                    .allMatch(s -> refused.contains(s.peerId()) || liars.contains(s.peerId()));
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
    SourceWorker worker = new SourceWorker(id, source, new WorkerEvents());
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
    connecting.remove(worker.source.peerId());
    if (worker.connection != null) {
      worker.connection.close();
    }
    String why = cause.getMessage();
    LOG.info("download {}: source {} failed: {}", id, worker.source, why);
    if (cause instanceof TransferException t && definitive(t.code())) {
      refused.add(worker.source.peerId());
      lastRefusal = worker.source.name() + " cannot send " + name() + ": " + why;
    } else {
      unreachable.add(worker.source.peerId());
    }
    afterSourceLoss();
  }

  private synchronized void manifestArrived(SourceWorker worker, Manifest m) {
    connecting.remove(worker.source.peerId());
    if (over()) {
      worker.connection.close();
      return;
    }
    if (!m.sha256().equals(request.sha256()) || m.size() != request.size()) {
      refused.add(worker.source.peerId());
      lastRefusal = worker.source.name() + " now shares other content as " + m.path();
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
      for (int i = 0; i < m.count(); i++) {
        if (state.isVerified(i)) {
          doneBytes += m.length(i);
        } else {
          queue.add(i);
        }
      }
      whole = new WholeFileCheck(id, m, state, request.sha256(), new WholeEvents());
      status = Status.RUNNING;
      rate.record(doneBytes);
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
      refused.add(worker.source.peerId());
      worker.connection.close();
      afterSourceLoss();
      return;
    }
    status = status == Status.WAITING || status == Status.CONNECTING ? Status.RUNNING : status;
    nextRetry = settings.retryMin();
    workers.add(worker);
    bytesBySource.putIfAbsent(worker.source.name(), 0L);
    fill(worker);
  }

  /** Gives {@code worker} chunks to fetch until it has its pipeline full or none are left. */
  private void fill(SourceWorker worker) {
    if (worker.retired || status != Status.RUNNING) {
      return;
    }
    int first = -1;
    int run = 0;
    int depth = settings.pipelineChunks(manifest.chunkSize());
    while (worker.inFlight.size() < depth && !queue.isEmpty()) {
      int index = queue.poll();
      worker.inFlight.add(index);
      if (run > 0 && index == first + run && run < Limits.MAX_CHUNKS_PER_REQUEST) {
        run++;
      } else {
        if (run > 0) {
          worker.connection.requestChunks(TRANSFER_ID, first, run);
        }
        first = index;
        run = 1;
      }
    }
    if (run > 0) {
      worker.connection.requestChunks(TRANSFER_ID, first, run);
    }
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
              for (var it = worker.inFlight.descendingIterator(); it.hasNext(); ) {
                queue.addFirst(it.next());
              }
              worker.inFlight.clear();
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
    if (workers.size() + connecting.size() < settings.maxSources()) {
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
    unreachable.clear(); // the next look tries them again
    refused.clear();
    note = why;
    rate.reset();
    Duration wait = nextRetry;
    nextRetry = nextRetry.multipliedBy(2);
    if (nextRetry.compareTo(settings.retryMax()) > 0) {
      nextRetry = settings.retryMax();
    }
    retry = timers.schedule(this::retryFromTimer, wait.toMillis(), TimeUnit.MILLISECONDS);
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
  private synchronized boolean chunkDone(
      SourceWorker worker, int index, boolean ok, ByteBuffer bytes) throws IOException {
    if (worker.inFlight.peek() == null || worker.inFlight.peek() != index) {
      throw new IllegalStateException("chunk " + index + " was not the one expected");
    }
    worker.inFlight.poll();
    if (over()) {
      return false;
    }
    if (!ok) {
      liars.add(worker.source.peerId());
      queue.addFirst(index);
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
    doneBytes += manifest.length(index);
    rate.record(doneBytes);
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

  private synchronized void wholeChecked(boolean matches) {
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
      List<Integer> bad = recheckChunks();
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
        doneBytes -= manifest.length(i);
        queue.add(i);
      }
      whole = new WholeFileCheck(id, manifest, state, request.sha256(), new WholeEvents());
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

  private List<Integer> recheckChunks() throws IOException {
    List<Integer> bad = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.allocate(manifest.chunkSize());
    MessageDigest digest = FileHash.newDigest();
    for (int i = 0; i < manifest.count(); i++) {
      buffer.clear().limit(manifest.length(i));
      state.read(buffer, manifest.offset(i));
      buffer.flip();
      digest.update(buffer);
      if (!manifest.chunks().matches(i, digest.digest())) {
        bad.add(i);
      }
    }
    return bad;
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
    if (retry != null) {
      retry.cancel(false);
    }
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
                Duration.ofSeconds((long) Math.ceil((request.size() - doneBytes) / speed)))
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
        doneBytes,
        speed,
        eta,
        sources,
        status,
        note,
        finalTarget);
  }

  /** Bytes each source sent during this run, including those no longer in use. */
  synchronized Map<String, Long> bytesBySource() {
    return Map.copyOf(bytesBySource);
  }

  // ---- what workers and the whole-file check report ----

  /** A worker's reports, taken under the download's lock. */
  private final class WorkerEvents implements SourceWorker.Owner {
    @Override
    public Object lock() {
      return Download.this;
    }

    @Override
    public Manifest manifest() {
      return manifest;
    }

    @Override
    public DownloadState state() {
      return state;
    }

    @Override
    public void received(SourceWorker worker, int bytes) {
      synchronized (Download.this) {
        bytesBySource.merge(worker.source.name(), (long) bytes, Long::sum);
      }
    }

    @Override
    public boolean chunkDone(SourceWorker worker, int index, boolean ok, ByteBuffer bytes)
        throws IOException {
      return Download.this.chunkDone(worker, index, ok, bytes);
    }

    @Override
    public void reclaim(SourceWorker worker) {
      synchronized (Download.this) {
        if (whole != null) {
          whole.reclaim(worker);
        }
      }
    }

    @Override
    public void misbehaved(SourceWorker worker, String what) {
      synchronized (Download.this) {
        retire(worker, worker.source.name() + " " + what);
      }
    }

    @Override
    public void refused(SourceWorker worker, ErrorCode code, String text) {
      synchronized (Download.this) {
        if (definitive(code)) {
          refused.add(worker.source.peerId());
          lastRefusal = worker.source.name() + " cannot send " + name() + " any more: " + text;
        }
        retire(worker, text);
      }
    }

    @Override
    public void closed(SourceWorker worker, String why) {
      synchronized (Download.this) {
        if (!worker.retired) {
          unreachable.add(worker.source.peerId());
        }
        retire(worker, why);
      }
    }

    @Override
    public void writeFailed(IOException e) {
      synchronized (Download.this) {
        fail("cannot write " + DownloadState.partialOf(request.target()) + ": " + e.getMessage());
      }
    }
  }

  /** The whole-file check's reports, taken under the download's lock. */
  private final class WholeEvents implements WholeFileCheck.Owner {
    @Override
    public Object lock() {
      return Download.this;
    }

    @Override
    public boolean wanted(WholeFileCheck check) {
      return whole == check && !over();
    }

    @Override
    public void checked(boolean matches) {
      wholeChecked(matches);
    }

    @Override
    public void readFailed(IOException e) {
      fail("cannot read " + DownloadState.partialOf(request.target()) + ": " + e.getMessage());
    }
  }
}
