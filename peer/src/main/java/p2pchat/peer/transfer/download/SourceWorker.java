package p2pchat.peer.transfer.download;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.Source;
import p2pchat.peer.transfer.SourceConnection;
import p2pchat.peer.transfer.TransferNetwork;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;

/**
 * One source of a download: its connection, the chunks asked of it and not yet verified (in the
 * order asked, which is the order they come), and the thread that gathers its bytes into a chunk
 * buffer and hashes them, so that hashing runs beside TLS on another core. A chunk is written into
 * the partial file once whole and verified, in one write; its buffer may then feed the whole-file
 * hash before it is used again. DATA frames must come in order, chunk after chunk, each at the
 * offset where the last one ended.
 */
final class SourceWorker implements SourceConnection.Receiver {
  /** What a worker needs of its download. */
  interface Owner {
    /** The download's lock, which guards {@link #inFlight}. */
    Object lock();

    Manifest manifest();

    DownloadState state();

    /** {@code bytes} more arrived from {@code worker}. */
    void received(SourceWorker worker, int bytes);

    /**
     * Chunk {@code index} arrived whole; {@code ok} if it matches its hash (then its bytes are in
     * the partial file already). On the sink. Returns whether the owner kept {@code bytes}, the
     * chunk's content, to hand back later through {@link SourceWorker#giveBack}.
     */
    boolean chunkDone(SourceWorker worker, int index, boolean ok, ByteBuffer bytes)
        throws IOException;

    /** The worker has no chunk buffer free: hand back those kept and not in use. On the sink. */
    void reclaim(SourceWorker worker);

    /** The source broke the rules of the transfer ({@code what} says how). */
    void misbehaved(SourceWorker worker, String what);

    /** The source refused or stopped the transfer. */
    void refused(SourceWorker worker, ErrorCode code, String text);

    /** The connection closed. */
    void closed(SourceWorker worker, String why);

    /** The partial file could not be written. */
    void writeFailed(IOException e);
  }

  /** The transfer id of the one file a download connection carries. */
  static final int TRANSFER_ID = 1;

  final Source source;
  final ArrayDeque<Integer> inFlight = new ArrayDeque<>(); // guarded by owner.lock()
  final ExecutorService sink;
  volatile SourceConnection connection;
  volatile boolean retired;
  volatile long bytes;
  private final Owner owner;
  // The sink thread's own.
  private final MessageDigest digest = FileHash.newDigest();
  private int current = -1;
  private ByteBuffer chunk; // the chunk being received, from buffers
  private final ChunkBuffers buffers;

  SourceWorker(int downloadId, Source source, Owner owner) {
    this.source = source;
    this.owner = owner;
    this.buffers = new ChunkBuffers(() -> owner.reclaim(this));
    this.sink =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform()
                .name("download-" + downloadId + "-" + source.name())
                .daemon()
                .factory());
  }

  @Override
  public void data(SourceConnection from, DataFrame frame) {
    if (retired) {
      frame.release();
      return;
    }
    try {
      sink.execute(() -> write(frame));
    } catch (RejectedExecutionException e) {
      frame.release();
    }
  }

  private void write(DataFrame frame) {
    try {
      if (retired) {
        return;
      }
      int index;
      synchronized (owner.lock()) {
        Integer head = inFlight.peek();
        index = head == null ? -1 : head;
      }
      if (frame.transferId() != TRANSFER_ID || index < 0) {
        owner.misbehaved(this, "sent data that was not asked for");
        return;
      }
      Manifest manifest = owner.manifest();
      long start = manifest.offset(index);
      int length = manifest.length(index);
      if (current != index) {
        current = index;
        digest.reset();
        if (chunk != null) {
          buffers.giveBack(chunk);
        }
        chunk = buffers.take(manifest.chunkSize());
        chunk.limit(length);
      }
      ByteBuf payload = frame.payload();
      int n = payload.readableBytes();
      if (frame.offset() != start + chunk.position() || n > chunk.remaining()) {
        owner.misbehaved(
            this,
            "sent bytes at offset "
                + frame.offset()
                + " while chunk "
                + index
                + " needed offset "
                + (start + chunk.position()));
        return;
      }
      for (ByteBuffer b : payload.nioBuffers()) {
        digest.update(b.duplicate());
        chunk.put(b);
      }
      bytes += n;
      owner.received(this, n);
      if (!chunk.hasRemaining()) {
        ByteBuffer whole = chunk.flip();
        chunk = null;
        current = -1;
        boolean ok = manifest.chunks().matches(index, digest.digest());
        if (ok) {
          // Only verified bytes reach the partial file; then the chunk may count as done.
          owner.state().write(whole.duplicate(), start);
        }
        boolean kept = owner.chunkDone(this, index, ok, whole);
        if (!kept) {
          buffers.giveBack(whole);
        }
      }
    } catch (IOException e) {
      owner.writeFailed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      frame.release();
    }
  }

  /**
   * Dials the source and asks it for the manifest of the file with content {@code sha256} under the
   * source's path; completes with that manifest, or exceptionally with why not. The connection,
   * once open, is in {@link #connection} before the manifest is asked for, so that a failure can
   * close it.
   */
  CompletableFuture<Manifest> open(TransferNetwork network, FileHash sha256) {
    return network
        .dial(source, this)
        .thenCompose(
            opened -> {
              connection = opened;
              return opened.manifest(TRANSFER_ID, source.path(), Optional.of(sha256));
            });
  }

  /**
   * Takes this worker out: it stops writing at once, and {@code whenIdle} runs on its thread once
   * what it was doing is done (so that its chunks are handed back only when no write of them can
   * still come); runs {@code whenGone} instead, at once, if that thread has stopped already. Call
   * under the owner's lock; {@code whenIdle} takes it.
   */
  void retire(Runnable whenIdle, Runnable whenGone) {
    retired = true;
    try {
      sink.execute(whenIdle);
    } catch (RejectedExecutionException e) {
      whenGone.run();
    }
    sink.shutdown();
    connection.abort();
  }

  /** Stops at once, dropping what it was doing: the download is over. */
  void stop() {
    retired = true;
    sink.shutdown();
    connection.abort();
  }

  /** Takes back a chunk buffer that {@link Owner#chunkDone} kept; any thread. */
  void giveBack(ByteBuffer buffer) {
    buffers.giveBack(buffer);
  }

  @Override
  public void failed(SourceConnection from, int transferId, ErrorCode code, String text) {
    owner.refused(this, code, text);
  }

  @Override
  public void closed(SourceConnection from, String why) {
    owner.closed(this, why);
  }

  @Override
  public boolean waitingFor(SourceConnection from) {
    synchronized (owner.lock()) {
      return !inFlight.isEmpty();
    }
  }

  @Override
  public String toString() {
    return "source " + source;
  }
}
