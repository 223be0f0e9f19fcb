package p2pchat.protocol.message;

import p2pchat.protocol.Limits;

/**
 * How a shared file is cut into chunks: every chunk is {@code chunkSize} bytes except the last,
 * which holds the rest (an empty file has no chunks). Each chunk has its own SHA-256, so a download
 * checks each chunk as it arrives and resumes from the chunks it already holds.
 */
public final class Chunks {
  /**
   * The chunk size an indexer picks for files up to {@link Limits#MAX_CHUNKS} of them: 1 MiB.
   * Chosen by measurement (docs/PROTOCOL.md, "Chunk size and pipelining"): the best median download
   * speed measured, and small enough that a chunk fetched again after a bad one or a kill costs
   * little.
   */
  public static final int DEFAULT_CHUNK_SIZE = 1 << 20;

  private Chunks() {}

  /** The chunk size for a file of {@code size} bytes: the default, doubled until it fits. */
  public static int chunkSizeFor(long size) {
    int chunkSize = DEFAULT_CHUNK_SIZE;
    while (count(size, chunkSize) > Limits.MAX_CHUNKS && chunkSize < Limits.MAX_CHUNK_SIZE) {
      chunkSize <<= 1;
    }
    return chunkSize;
  }

  /** Whether {@code chunkSize} is one the protocol allows: a power of two within the limits. */
  public static boolean validChunkSize(int chunkSize) {
    return chunkSize >= Limits.MIN_CHUNK_SIZE
        && chunkSize <= Limits.MAX_CHUNK_SIZE
        && Integer.bitCount(chunkSize) == 1;
  }

  /** How many chunks a file of {@code size} bytes has (may exceed the limit; callers check). */
  public static long count(long size, int chunkSize) {
    return size == 0 ? 0 : (size - 1) / chunkSize + 1;
  }

  /** The byte offset where chunk {@code index} starts. */
  public static long offset(int index, int chunkSize) {
    return (long) index * chunkSize;
  }

  /** The length of chunk {@code index} of a file of {@code size} bytes. */
  public static int length(long size, int chunkSize, int index) {
    long start = offset(index, chunkSize);
    if (index < 0 || start >= size) {
      throw new IllegalArgumentException(
          "chunk " + index + " is outside a file of " + size + " bytes");
    }
    return (int) Math.min(chunkSize, size - start);
  }

  /** Throws unless a file of {@code size} bytes in {@code chunkSize} chunks is within limits. */
  static void check(long size, int chunkSize) {
    if (size < 0) {
      throw new IllegalArgumentException("size " + size + " is negative");
    }
    if (!validChunkSize(chunkSize)) {
      throw new IllegalArgumentException(
          "chunk size "
              + chunkSize
              + " is not a power of two from "
              + Limits.MIN_CHUNK_SIZE
              + " to "
              + Limits.MAX_CHUNK_SIZE);
    }
    if (count(size, chunkSize) > Limits.MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "a file of "
              + size
              + " bytes in chunks of "
              + chunkSize
              + " has more than "
              + Limits.MAX_CHUNKS
              + " chunks");
    }
  }
}
