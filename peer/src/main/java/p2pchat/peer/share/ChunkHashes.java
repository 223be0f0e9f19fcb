package p2pchat.peer.share;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import p2pchat.protocol.message.FileHash;

/** The SHA-256s of a file's chunks, in order, packed 32 bytes each to keep large indexes small. */
public final class ChunkHashes {
  private final byte[] packed;

  private ChunkHashes(byte[] packed) {
    this.packed = packed;
  }

  /** The hashes packed in {@code packed} (copied): 32 bytes per chunk. */
  public static ChunkHashes packed(byte[] packed) {
    if (packed.length % FileHash.BYTES != 0) {
      throw new IllegalArgumentException(
          packed.length + " bytes is not a whole number of " + FileHash.BYTES + "-byte hashes");
    }
    return new ChunkHashes(packed.clone());
  }

  /** The hashes in {@code hashes}, in order. */
  public static ChunkHashes of(List<FileHash> hashes) {
    byte[] packed = new byte[hashes.size() * FileHash.BYTES];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i).bytes(), 0, packed, i * FileHash.BYTES, FileHash.BYTES);
    }
    return new ChunkHashes(packed);
  }

  /** How many chunks. */
  public int count() {
    return packed.length / FileHash.BYTES;
  }

  /** The hash of chunk {@code index}. */
  public FileHash get(int index) {
    return FileHash.of(
        Arrays.copyOfRange(packed, index * FileHash.BYTES, (index + 1) * FileHash.BYTES));
  }

  /** Whether {@code digest} is the hash of chunk {@code index}, compared in constant time. */
  public boolean matches(int index, byte[] digest) {
    return digest.length == FileHash.BYTES
        && MessageDigest.isEqual(
            Arrays.copyOfRange(packed, index * FileHash.BYTES, (index + 1) * FileHash.BYTES),
            digest);
  }

  /** The hashes of chunks {@code from} (inclusive) to {@code to} (exclusive). */
  public List<FileHash> range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).mapToObj(this::get).toList();
  }

  /** The packed bytes (a copy). */
  public byte[] packed() {
    return packed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkHashes other && Arrays.equals(packed, other.packed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(packed);
  }

  @Override
  public String toString() {
    return "ChunkHashes[" + count() + " chunks]";
  }
}
