package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.message.FileHash;

/**
 * What a download has of its file once the first manifest came: that manifest and who sent it, the
 * partial file with its verified chunks, the chunks still to fetch, and the whole-file check. The
 * manifest and its sender stay for the download's life: later sources must describe the same
 * chunks. Guarded by the download's lock.
 */
final class FileProgress {
  private final int id;
  private final FileHash sha256;
  private final Manifest manifest;
  private final String manifestFrom;
  private final DownloadState state;
  private final WholeFileCheck.Owner checks;
  private final ChunkQueue chunks = new ChunkQueue();
  private WholeFileCheck whole;

  private FileProgress(
      int id,
      FileHash sha256,
      Manifest manifest,
      String from,
      DownloadState state,
      WholeFileCheck.Owner checks) {
    this.id = id;
    this.sha256 = sha256;
    this.manifest = manifest;
    this.manifestFrom = from;
    this.state = state;
    this.checks = checks;
    chunks.load(manifest, state);
    whole = new WholeFileCheck(id, manifest, state, sha256, checks);
  }

  /**
   * Opens (or resumes) the partial file of download {@code id} of {@code request} for {@code
   * manifest}, which {@code from} sent; its whole-file checks report to {@code checks}.
   */
  static FileProgress open(
      int id, Download.Request request, Manifest manifest, String from, WholeFileCheck.Owner checks)
      throws IOException {
    DownloadState state = DownloadState.open(request.target(), manifest);
    return new FileProgress(id, request.sha256(), manifest, from, state, checks);
  }

  Manifest manifest() {
    return manifest;
  }

  /** The source whose manifest is the one in use, by name. */
  String manifestFrom() {
    return manifestFrom;
  }

  DownloadState state() {
    return state;
  }

  /** Bytes of the chunks verified so far. */
  long doneBytes() {
    return chunks.doneBytes();
  }

  /** Whether an earlier run verified chunks already. */
  boolean resumed() {
    return state.verifiedCount() > 0;
  }

  /** Whether every chunk is verified. */
  boolean complete() {
    return state.complete();
  }

  /** Hashes the whole file on as far as the verified chunks reach. */
  void checkWhole() {
    whole.kick();
  }

  /** Gives {@code worker} chunks to fetch until its pipeline is full or none are left. */
  void fill(SourceWorker worker, TransferSettings settings) {
    chunks.fill(worker, settings.pipelineChunks(manifest.chunkSize()));
  }

  /** Hands a chunk back to be fetched first, by another source. */
  void putBack(int index) {
    chunks.putBack(index);
  }

  /** Hands back the chunks of a source that went away. */
  void putBackAll(ArrayDeque<Integer> inFlight) {
    chunks.putBackAll(inFlight);
  }

  /**
   * Records chunk {@code index}, already in the partial file, as verified, and offers its {@code
   * bytes} to the whole-file hash; returns whether it kept them (see {@link WholeFileCheck#offer}).
   */
  boolean verified(int index, ByteBuffer bytes, SourceWorker worker) throws IOException {
    state.markVerified(index);
    chunks.verified(manifest.length(index));
    boolean kept = whole.offer(index, bytes, worker);
    whole.kick();
    return kept;
  }

  /**
   * Checks every chunk on disk again and queues the bad ones to be fetched again, with a fresh
   * whole-file check; returns them (none: the manifest itself is wrong).
   */
  List<Integer> refetchBad() throws IOException {
    List<Integer> bad = ChunkRecheck.badChunks(manifest, state);
    if (bad.isEmpty()) {
      return bad;
    }
    for (int i : bad) {
      state.unmark(i);
      chunks.refetch(i, manifest.length(i));
    }
    whole = new WholeFileCheck(id, manifest, state, sha256, checks);
    return bad;
  }

  /** Whether {@code check} is the current whole-file check. */
  boolean current(WholeFileCheck check) {
    return whole == check;
  }

  /** Gives {@code worker} back the buffers the whole-file check need not hold. */
  void reclaim(SourceWorker worker) {
    whole.reclaim(worker);
  }

  /**
   * Puts the finished file in place as {@code target}, or numbered next to it if someone made that
   * file meanwhile; returns where it went.
   */
  Path finish(Path target) throws IOException {
    Path free = target;
    for (int n = 2; Files.exists(free); n++) {
      free = Downloads.numbered(target, n);
    }
    state.finish(free);
    return free;
  }

  /** Closes the partial file, leaving it and its state for a later run. */
  void close() {
    state.close();
  }

  /** Removes the partial file and its state. */
  void discard() throws IOException {
    state.discard();
  }
}
