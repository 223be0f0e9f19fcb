package p2pchat.peer.transfer;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;

/**
 * One source of a download: its connection, the chunks asked of it and not yet verified (in the
 * order asked, which is the order they come), and the thread that writes its bytes into the partial
 * file and hashes them, so that hashing runs beside TLS on another core. DATA frames must come in
 * order, chunk after chunk, each at the offset where the last one ended.
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

    /** Chunk {@code index} arrived whole; {@code ok} if it matches its hash. On the sink. */
    void chunkDone(SourceWorker worker, int index, boolean ok) throws IOException;

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
  private long received;

  SourceWorker(int downloadId, Source source, Owner owner) {
    this.source = source;
    this.owner = owner;
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
        received = 0;
        digest.reset();
      }
      ByteBuf payload = frame.payload();
      int n = payload.readableBytes();
      if (frame.offset() != start + received || received + n > length) {
        owner.misbehaved(
            this,
            "sent bytes at offset "
                + frame.offset()
                + " while chunk "
                + index
                + " needed offset "
                + (start + received));
        return;
      }
      for (ByteBuffer b : payload.nioBuffers()) {
        digest.update(b);
      }
      long position = frame.offset();
      for (ByteBuffer b : payload.nioBuffers()) {
        while (b.hasRemaining()) {
          position += owner.state().data().write(b, position);
        }
      }
      received += n;
      bytes += n;
      owner.received(this, n);
      if (received == length) {
        boolean ok = manifest.chunks().matches(index, digest.digest());
        current = -1;
        owner.chunkDone(this, index, ok);
      }
    } catch (IOException e) {
      owner.writeFailed(e);
    } finally {
      frame.release();
    }
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
