package p2pchat.peer.transfer.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.transfer.Manifest;
import p2pchat.protocol.message.FileHash;

/**
 * The whole-file SHA-256 of a download, computed as it goes, on a thread of its own: the verified
 * chunks are hashed in order as far as they reach without a gap; {@link #kick} whenever a chunk is
 * verified. A chunk comes from memory when its source lent the verified buffer ({@link #offer}),
 * which is the usual case with one source, since chunks then arrive in order; otherwise (a chunk
 * from one source waiting behind chunks another has not sent yet) it is read back from the partial
 * file. Once the last chunk is hashed the owner hears whether the whole matches.
 */
final class WholeFileCheck {
  private static final Logger LOG = LoggerFactory.getLogger(WholeFileCheck.class);

  /** What the check needs of its download. */
  interface Owner {
    /** The download's lock, which guards the state's verified chunks. */
    Object lock();

    /** Whether {@code check} is still the download's current check (and the download goes on). */
    boolean wanted(WholeFileCheck check);

    /** The whole file was hashed; {@code matches} if it has the SHA-256 asked for. Under lock. */
    void checked(boolean matches);

    /** The partial file could not be read. Under lock. */
    void readFailed(IOException e);
  }

  /** Most chunk buffers held ahead of the chunk being hashed. */
  private static final int MAX_HELD = 16;

  /** A verified chunk's bytes lent by {@code worker}, which gets the buffer back once hashed. */
  private record Lent(ByteBuffer bytes, SourceWorker worker) {}

  private final int id;
  private final Manifest manifest;
  private final DownloadState state;
  private final FileHash expected;
  private final Owner owner;
  private final MessageDigest digest = FileHash.newDigest();
  // Guarded by owner.lock().
  private int next; // the next chunk to hash: the ones before are hashed or being hashed
  private boolean running;
  private final Map<Integer, Lent> lent = new HashMap<>();
  // The running thread's own.
  private ByteBuffer buffer;
  private int readBack; // chunks hashed from the partial file rather than from memory

  WholeFileCheck(int id, Manifest manifest, DownloadState state, FileHash expected, Owner owner) {
    this.id = id;
    this.manifest = manifest;
    this.state = state;
    this.expected = expected;
    this.owner = owner;
  }

  /**
   * Offers the bytes of verified chunk {@code index}, so that they need not be read back; call
   * under the owner's lock. Returns whether they were kept: then {@code worker} gets {@code bytes}
   * back through {@link SourceWorker#giveBack} once hashed or reclaimed.
   */
  boolean offer(int index, ByteBuffer bytes, SourceWorker worker) {
    if (index < next || lent.size() >= MAX_HELD || lent.containsKey(index)) {
      return false;
    }
    lent.put(index, new Lent(bytes, worker));
    return true;
  }

  /**
   * Gives {@code worker} back the buffers it lent that wait behind a chunk not yet verified (they
   * are in the partial file: they will be read back); under lock. Those in the run of chunks ready
   * from the next one to hash are kept: they come back as soon as they are hashed, so a source
   * waits for the hash rather than making it read the file again.
   */
  void reclaim(SourceWorker worker) {
    int ready = next;
    while (ready < manifest.count() && (lent.containsKey(ready) || state.isVerified(ready))) {
      ready++;
    }
    for (Iterator<Map.Entry<Integer, Lent>> it = lent.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Lent> e = it.next();
      if (e.getValue().worker() == worker && e.getKey() > ready) {
        it.remove();
        worker.giveBack(e.getValue().bytes());
      }
    }
  }

  /** Hashes on as far as the verified chunks reach; call under the owner's lock. */
  void kick() {
    if (!running) {
      running = true;
      Thread.ofVirtual().name("whole-hash-" + id).start(this::run);
    }
  }

  private void run() {
    while (true) {
      int index;
      Lent from;
      synchronized (owner.lock()) {
        if (!owner.wanted(this)) {
          running = false;
          lent.values().forEach(l -> l.worker().giveBack(l.bytes()));
          lent.clear();
          return;
        }
        from = lent.remove(next);
        if (next < manifest.count() && (from != null || state.isVerified(next))) {
          index = next++;
        } else {
          running = false;
          if (next == manifest.count()) {
            LOG.debug(
                "download {}: whole file hashed, {} of {} chunks read back",
                id,
                readBack,
                manifest.count());
            owner.checked(expected.matches(digest.digest()));
          }
          return;
        }
      }
      try {
        if (from != null) {
          digest.update(from.bytes().duplicate());
        } else {
          readBack++;
          if (buffer == null) {
            buffer = ByteBuffer.allocate(manifest.chunkSize());
          }
          buffer.clear().limit(manifest.length(index));
          state.read(buffer, manifest.offset(index));
          buffer.flip();
          digest.update(buffer);
        }
      } catch (IOException e) {
        synchronized (owner.lock()) {
          running = false;
          owner.readFailed(e);
        }
        return;
      } finally {
        if (from != null) {
          from.worker().giveBack(from.bytes());
        }
      }
    }
  }
}
