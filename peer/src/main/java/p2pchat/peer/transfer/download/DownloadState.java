package p2pchat.peer.transfer.download;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.transfer.Manifest;

/**
 * A download on disk: the partial file (written in place at each chunk's offset, its final size
 * from the start) and the resume state next to it, which records which chunks were verified. A
 * chunk's bit is written after its bytes, so a download killed at any point resumes with every
 * chunk whose bit is set already in the partial file.
 *
 * <pre>
 * state file: "P2PS" | version u8 | sha256 (32) | size i64 | chunkSize i32 | chunks i32 | bitmap
 * </pre>
 *
 * The bitmap holds one bit per chunk, chunk i in byte i/8 at bit i%8.
 *
 * <p>Chunks are written with direct I/O where the file system allows it (Linux {@code O_DIRECT}): a
 * verified chunk goes from its aligned buffer to the disk in one write, without a copy into the
 * page cache, which was the largest cost of a download (the kernel's copy of every byte, and an
 * {@code fsync} of the whole file at the end). The unaligned tail of the last chunk, reads and the
 * state go through the page cache as usual. Where direct I/O is refused, everything does. {@code
 * -Dp2pchat.transfer.directIo=false} turns it off (for measurements).
 */
final class DownloadState implements AutoCloseable {
  private static final byte[] MAGIC = {'P', '2', 'P', 'S'};
  private static final int VERSION = 1;
  private static final int HEADER = 4 + 1 + 32 + 8 + 4 + 4;
  private static final Logger LOG = LoggerFactory.getLogger(DownloadState.class);

  /** Alignment of chunk buffers: enough for direct I/O on the usual block sizes. */
  static final int BUFFER_ALIGNMENT = 4096;

  private final Path partial;
  private final Path stateFile;
  private final FileChannel data;
  private final FileChannel state;
  private final byte[] bitmap;
  private final int count;
  private int verified;
  // Written by the sources' threads: a failed direct write turns direct I/O off for all.
  private volatile FileChannel direct;
  private final int blockSize;

  private DownloadState(
      Path partial, Path stateFile, FileChannel data, FileChannel state, byte[] bitmap, int count) {
    this.partial = partial;
    this.stateFile = stateFile;
    this.data = data;
    this.state = state;
    this.bitmap = bitmap;
    this.count = count;
    int block = blockSize(partial);
    this.direct = block > 0 ? openDirect(partial) : null;
    this.blockSize = Math.max(block, 1);
    for (int i = 0; i < count; i++) {
      if (isVerified(i)) {
        verified++;
      }
    }
  }

  /** The partial file of a download to {@code target}. */
  static Path partialOf(Path target) {
    return target.resolveSibling(target.getFileName() + ShareIndex.PARTIAL_SUFFIX);
  }

  /** The resume state of a download to {@code target}. */
  static Path stateOf(Path target) {
    return target.resolveSibling(target.getFileName() + ShareIndex.STATE_SUFFIX);
  }

  /**
   * Opens the download to {@code target} of the file {@code manifest} describes: resumes it when
   * its state matches that manifest and its partial file is there, starts it afresh otherwise.
   */
  static DownloadState open(Path target, Manifest manifest) throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = partialOf(target);
    Path stateFile = stateOf(target);
    byte[] header = header(manifest);
    int bitmapBytes = (manifest.count() + 7) / 8;
    if (Files.exists(stateFile)
        && Files.exists(partial)
        && Files.size(partial) == manifest.size()
        && Files.size(stateFile) == HEADER + bitmapBytes) {
      byte[] existing = Files.readAllBytes(stateFile);
      if (Arrays.equals(existing, 0, HEADER, header, 0, HEADER)) {
        FileChannel data =
            FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel state = FileChannel.open(stateFile, StandardOpenOption.WRITE);
        return new DownloadState(
            partial,
            stateFile,
            data,
            state,
            Arrays.copyOfRange(existing, HEADER, existing.length),
            manifest.count());
      }
    }
    // Fresh: the partial file gets its final size at once (sparse where the system allows).
    try (RandomAccessFile file = new RandomAccessFile(partial.toFile(), "rw")) {
      file.setLength(0);
      file.setLength(manifest.size());
    }
    byte[] fresh = Arrays.copyOf(header, HEADER + bitmapBytes);
    Files.write(stateFile, fresh);
    FileChannel data = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileChannel state = FileChannel.open(stateFile, StandardOpenOption.WRITE);
    return new DownloadState(
        partial, stateFile, data, state, new byte[bitmapBytes], manifest.count());
  }

  /** The chunks verified in the state next to {@code target} (empty when there is none). */
  static BitSet readVerified(Path target) throws IOException {
    Path stateFile = stateOf(target);
    if (!Files.exists(stateFile)) {
      return new BitSet();
    }
    byte[] all = Files.readAllBytes(stateFile);
    return BitSet.valueOf(Arrays.copyOfRange(all, HEADER, all.length));
  }

  private static byte[] header(Manifest m) {
    ByteBuffer b = ByteBuffer.allocate(HEADER);
    b.put(MAGIC).put((byte) VERSION).put(m.sha256().bytes());
    b.putLong(m.size()).putInt(m.chunkSize()).putInt(m.count());
    return b.array();
  }

  private static int blockSize(Path partial) {
    if (!Boolean.parseBoolean(System.getProperty("p2pchat.transfer.directIo", "true"))) {
      return 0;
    }
    try {
      long block = Files.getFileStore(partial).getBlockSize();
      // Chunks start at multiples of 64 KiB and buffers are aligned to BUFFER_ALIGNMENT.
      return block > 0 && Long.bitCount(block) == 1 && block <= BUFFER_ALIGNMENT ? (int) block : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }

  private static FileChannel openDirect(Path partial) {
    try {
      return FileChannel.open(partial, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("no direct I/O for {}: {}", partial, e.toString());
      return null;
    }
  }

  /**
   * Writes {@code buffer} (all of it) into the partial file at {@code position}: the part that is a
   * whole number of blocks with direct I/O when the buffer is aligned, the rest through the page
   * cache. Safe to call from several threads for different chunks.
   */
  void write(ByteBuffer buffer, long position) throws IOException {
    FileChannel channel = direct;
    int aligned = buffer.remaining() & -blockSize;
    if (channel != null
        && aligned > 0
        && position % blockSize == 0
        && buffer.isDirect()
        && buffer.alignmentOffset(buffer.position(), BUFFER_ALIGNMENT) == 0) {
      ByteBuffer head = buffer.slice(buffer.position(), aligned);
      try {
        writeFully(channel, head, position);
        buffer.position(buffer.position() + aligned);
        position += aligned;
      } catch (IOException e) {
        // Some file systems open with O_DIRECT and refuse the write (EINVAL): use the page cache.
        LOG.debug("direct write to {} failed, using the page cache: {}", partial, e.toString());
        direct = null;
        closeQuietly(channel);
      }
    }
    writeFully(data, buffer, position);
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  /** Fills {@code buffer} from the partial file at {@code position}. */
  void read(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (data.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("the partial file is shorter than it should be");
      }
    }
  }

  boolean isVerified(int index) {
    return (bitmap[index >> 3] & (1 << (index & 7))) != 0;
  }

  /** How many chunks are verified. */
  int verifiedCount() {
    return verified;
  }

  /** Whether every chunk is verified. */
  boolean complete() {
    return verified == count;
  }

  /** Records chunk {@code index} as verified: its bytes are in the partial file already. */
  void markVerified(int index) throws IOException {
    if (isVerified(index)) {
      return;
    }
    bitmap[index >> 3] |= (byte) (1 << (index & 7));
    writeByte(index >> 3);
    verified++;
  }

  /** Forgets that chunk {@code index} was verified (it turned out bad on disk). */
  void unmark(int index) throws IOException {
    if (!isVerified(index)) {
      return;
    }
    bitmap[index >> 3] &= (byte) ~(1 << (index & 7));
    writeByte(index >> 3);
    verified--;
  }

  private void writeByte(int at) throws IOException {
    ByteBuffer one = ByteBuffer.wrap(bitmap, at, 1);
    while (one.hasRemaining()) {
      state.write(one, HEADER + at + (1 - one.remaining()));
    }
  }

  /**
   * Makes the download the file {@code target}: forces its bytes to disk, renames the partial file
   * (atomically, within one folder) and removes the state.
   */
  void finish(Path target) throws IOException {
    data.force(true); // one fsync covers what was written directly too: same file
    close();
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(stateFile);
  }

  /** Removes the partial file and the state (a cancelled download). */
  void discard() throws IOException {
    close();
    Files.deleteIfExists(partial);
    Files.deleteIfExists(stateFile);
  }

  /** Removes the partial file and the state of {@code target}, if any, without opening them. */
  static void discard(Path target) throws IOException {
    Files.deleteIfExists(partialOf(target));
    Files.deleteIfExists(stateOf(target));
  }

  @Override
  public void close() {
    FileChannel channel = direct;
    if (channel != null) {
      closeQuietly(channel);
    }
    closeQuietly(data);
    closeQuietly(state);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing what was only written in place: nothing more to do
    }
  }
}
