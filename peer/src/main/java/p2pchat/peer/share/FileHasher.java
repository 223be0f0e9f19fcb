package p2pchat.peer.share;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import p2pchat.protocol.message.Chunks;
import p2pchat.protocol.message.FileHash;

/**
 * Hashes a file in one read: the SHA-256 of each chunk and of the whole. SHA-256 runs at about 300
 * MB/s on one core here and both digests need every byte, so for a large file the whole-file digest
 * runs on a second thread, fed the buffers the first one read: twice as fast on two cores.
 */
public final class FileHasher {
  /** Files at least this big are hashed on two threads; smaller ones are not worth a handoff. */
  static final long PARALLEL_FROM = 8L << 20;

  private static final int BUFFERS = 4;

  /** What hashing found: the bytes read (the size at that moment), the hashes. */
  public record Digest(long size, int chunkSize, FileHash sha256, ChunkHashes chunks) {}

  private FileHasher() {}

  /** Hashes {@code file} (not following a symbolic link) in chunks of {@code chunkSize}. */
  public static Digest hash(Path file, int chunkSize) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return hash(channel, chunkSize);
    }
  }

  /** Hashes everything {@code channel} holds from its start, in chunks of {@code chunkSize}. */
  public static Digest hash(FileChannel channel, int chunkSize) throws IOException {
    // Buffers never straddle a chunk boundary: both are powers of two and the buffer is smaller.
    int bufferSize = Math.min(chunkSize, 1 << 20);
    MessageDigest chunk = FileHash.newDigest();
    ByteArrayOutputStream chunkHashes = new ByteArrayOutputStream();
    WholeDigest whole =
        channel.size() >= PARALLEL_FROM ? new ParallelDigest(bufferSize) : new InlineDigest();
    long position = 0;
    long inChunk = 0;
    try {
      while (true) {
        byte[] buffer = whole.freeBuffer(bufferSize);
        int n = readFully(channel, buffer, position);
        if (n == 0) {
          whole.recycle(buffer);
          break;
        }
        chunk.update(buffer, 0, n);
        whole.update(buffer, n);
        position += n;
        inChunk += n;
        if (inChunk == chunkSize) {
          chunkHashes.writeBytes(chunk.digest());
          inChunk = 0;
        }
        if (n < buffer.length) {
          break;
        }
      }
      if (inChunk > 0) {
        chunkHashes.writeBytes(chunk.digest());
      }
      FileHash sha256 = FileHash.of(whole.finish());
      ChunkHashes hashes = ChunkHashes.packed(chunkHashes.toByteArray());
      if (hashes.count() != Chunks.count(position, chunkSize)) {
        throw new IllegalStateException("chunk count does not match the bytes read");
      }
      return new Digest(position, chunkSize, sha256, hashes);
    } finally {
      whole.close();
    }
  }

  private static int readFully(FileChannel channel, byte[] buffer, long position)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buffer);
    while (b.hasRemaining()) {
      int n = channel.read(b, position + b.position());
      if (n < 0) {
        break;
      }
    }
    return b.position();
  }

  private interface WholeDigest extends AutoCloseable {
    byte[] freeBuffer(int size) throws IOException;

    void recycle(byte[] buffer);

    void update(byte[] buffer, int length) throws IOException;

    byte[] finish() throws IOException;

    @Override
    void close();
  }

  private static final class InlineDigest implements WholeDigest {
    private final MessageDigest digest = FileHash.newDigest();
    private byte[] buffer;

    @Override
    public byte[] freeBuffer(int size) {
      if (buffer == null) {
        buffer = new byte[size];
      }
      return buffer;
    }

    @Override
    public void recycle(byte[] buffer) {}

    @Override
    public void update(byte[] buffer, int length) {
      digest.update(buffer, 0, length);
    }

    @Override
    public byte[] finish() {
      return digest.digest();
    }

    @Override
    public void close() {}
  }

  /** The whole-file digest on its own thread, fed filled buffers and handing them back. */
  private static final class ParallelDigest implements WholeDigest {
    private record Piece(byte[] buffer, int length) {}

    private static final Piece END = new Piece(new byte[0], -1);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Piece> filled = new ArrayBlockingQueue<>(BUFFERS);
    private final MessageDigest digest = FileHash.newDigest();
    private final Thread thread;
    private volatile byte[] result;

    ParallelDigest(int bufferSize) {
      for (int i = 0; i < BUFFERS; i++) {
        free.add(new byte[bufferSize]);
      }
      thread = Thread.ofPlatform().name("hash-whole").daemon().start(this::run);
    }

    private void run() {
      try {
        while (true) {
          Piece piece = filled.take();
          if (piece == END) {
            result = digest.digest();
            return;
          }
          digest.update(piece.buffer, 0, piece.length);
          free.add(piece.buffer);
        }
      } catch (InterruptedException e) {
        // Closed before the end: the result is not wanted.
      }
    }

    @Override
    public byte[] freeBuffer(int size) throws IOException {
      try {
        return free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("hashing was interrupted");
      }
    }

    @Override
    public void recycle(byte[] buffer) {
      free.add(buffer);
    }

    @Override
    public void update(byte[] buffer, int length) throws IOException {
      try {
        filled.put(new Piece(buffer, length));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("hashing was interrupted");
      }
    }

    @Override
    public byte[] finish() throws IOException {
      try {
        filled.put(END);
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("hashing was interrupted");
      }
      return result;
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }
}
