package p2pchat.peer.group;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one receiver knows of one sender's messages to a group: the highest sequence number seen,
 * the numbers below it that never came (a gap, so that a late one is still shown once), and the
 * recent message ids (so that a copy arriving twice is shown once).
 */
final class SenderState {
  /** Most missing sequence numbers remembered per sender; older ones count as seen. */
  static final int MAX_MISSING = 1000;

  /** Most recent message ids remembered per sender. */
  private static final int MAX_RECENT_IDS = 1000;

  /** A message already shown (or too old to tell): not shown again. */
  static final long DUPLICATE = -1;

  long last;
  final TreeSet<Long> missing = new TreeSet<>();
  private final Set<Long> recentIds = new LinkedHashSet<>();

  /**
   * Records message {@code seq} with {@code messageId}: returns {@link #DUPLICATE} if it was seen
   * before, else the number of messages found missing just before it (0 when none).
   */
  long accept(long seq, long messageId) {
    if (recentIds.contains(messageId)) {
      return DUPLICATE;
    }
    long gap;
    if (last == 0) {
      gap = 0; // the first message heard from this sender here: where we joined its stream
      last = seq;
    } else if (seq > last) {
      gap = seq - last - 1;
      for (long s = Math.max(last + 1, seq - MAX_MISSING); s < seq; s++) {
        missing.add(s);
      }
      while (missing.size() > MAX_MISSING) {
        missing.pollFirst();
      }
      last = seq;
    } else if (missing.remove(seq)) {
      gap = 0; // late, after a gap notice: shown now, once
    } else {
      return DUPLICATE;
    }
    recentIds.add(messageId);
    if (recentIds.size() > MAX_RECENT_IDS) {
      Iterator<Long> oldest = recentIds.iterator();
      oldest.next();
      oldest.remove();
    }
    return gap;
  }
}
