package p2pchat.peer.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import p2pchat.protocol.message.FileHash;

/**
 * The whole-file SHA-256 of a download, computed as it goes: the verified chunks are hashed in
 * order, read back from the partial file (the page cache, usually), as far as they reach without a
 * gap, on a thread of its own; {@link #kick} whenever a chunk is verified. Once the last chunk is
 * hashed the owner hears whether the whole matches.
 */
final class WholeFileCheck {
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

  private final int id;
  private final Manifest manifest;
  private final DownloadState state;
  private final FileHash expected;
  private final Owner owner;
  private final MessageDigest digest = FileHash.newDigest();
  private int next; // guarded by owner.lock()
  private boolean running; // guarded by owner.lock()
  private ByteBuffer buffer;

  WholeFileCheck(int id, Manifest manifest, DownloadState state, FileHash expected, Owner owner) {
    this.id = id;
    this.manifest = manifest;
    this.state = state;
    this.expected = expected;
    this.owner = owner;
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
      synchronized (owner.lock()) {
        if (!owner.wanted(this)) {
          running = false;
          return;
        }
        if (next < manifest.count() && state.isVerified(next)) {
          index = next;
        } else {
          running = false;
          if (next == manifest.count()) {
            owner.checked(expected.matches(digest.digest()));
          }
          return;
        }
      }
      try {
        if (buffer == null) {
          buffer = ByteBuffer.allocate(manifest.chunkSize());
        }
        buffer.clear().limit(manifest.length(index));
        state.read(buffer, manifest.offset(index));
        buffer.flip();
        digest.update(buffer);
      } catch (IOException e) {
        synchronized (owner.lock()) {
          running = false;
          owner.readFailed(e);
        }
        return;
      }
      synchronized (owner.lock()) {
        next++;
      }
    }
  }
}
