package p2pchat.peer.transfer.download;

import java.util.ArrayDeque;
import java.util.Iterator;
import p2pchat.peer.transfer.Manifest;
import p2pchat.protocol.Limits;

/**
 * The per-chunk bookkeeping of a download: the chunks still to fetch, in the order they are handed
 * to sources (those handed back go first), and how many bytes are verified. A source is handed
 * chunks until its pipeline is full, and asks for consecutive ones in one request. Guarded by the
 * download's lock.
 */
final class ChunkQueue {
  private final ArrayDeque<Integer> waiting = new ArrayDeque<>();
  private long doneBytes;

  /** Queues every chunk of {@code manifest} not verified in {@code state}, counts the others. */
  void load(Manifest manifest, DownloadState state) {
    for (int i = 0; i < manifest.count(); i++) {
      if (state.isVerified(i)) {
        doneBytes += manifest.length(i);
      } else {
        waiting.add(i);
      }
    }
  }

  /** Bytes of the chunks verified so far. */
  long doneBytes() {
    return doneBytes;
  }

  /** Counts chunk bytes as verified. */
  void verified(int length) {
    doneBytes += length;
  }

  /** A chunk counted as verified turned out bad on disk: fetch it again, last. */
  void refetch(int index, int length) {
    doneBytes -= length;
    waiting.add(index);
  }

  /** Hands a chunk back to be fetched first, by another source. */
  void putBack(int index) {
    waiting.addFirst(index);
  }

  /** Hands back the chunks of a source that went away, first, in the order they were asked. */
  void putBackAll(ArrayDeque<Integer> inFlight) {
    for (Iterator<Integer> it = inFlight.descendingIterator(); it.hasNext(); ) {
      waiting.addFirst(it.next());
    }
    inFlight.clear();
  }

  /**
   * Gives {@code worker} chunks until {@code depth} are outstanding or none are left, and asks its
   * source for them in runs of consecutive chunks.
   */
  void fill(SourceWorker worker, int depth) {
    int first = -1;
    int run = 0;
    while (worker.inFlight.size() < depth && !waiting.isEmpty()) {
      int index = waiting.poll();
      worker.inFlight.add(index);
      if (run > 0 && index == first + run && run < Limits.MAX_CHUNKS_PER_REQUEST) {
        run++;
      } else {
        if (run > 0) {
          worker.connection.requestChunks(SourceWorker.TRANSFER_ID, first, run);
        }
        first = index;
        run = 1;
      }
    }
    if (run > 0) {
      worker.connection.requestChunks(SourceWorker.TRANSFER_ID, first, run);
    }
  }
}
