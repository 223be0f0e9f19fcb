package p2pchat.peer.transfer.serve;

import io.netty.channel.Channel;
import p2pchat.peer.share.IndexedFile;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.FileMessage.ManifestPage;

/** Writes a file's manifest as pages of chunk hashes, waiting for room between pages. */
final class ManifestPages {
  private ManifestPages() {}

  /** Something that returns once the connection can take more, or throws when interrupted. */
  @FunctionalInterface
  interface Room {
    void await() throws InterruptedException;
  }

  /**
   * Writes the manifest of {@code entry} for transfer {@code id}, {@link
   * Limits#MAX_HASHES_PER_PAGE} hashes a page; from the second page on it flushes and waits for
   * {@code room}, so that a manifest of many pages does not pile up in memory either.
   */
  static void send(Channel channel, int id, IndexedFile entry, Room room)
      throws InterruptedException {
    int count = entry.chunks().count();
    int from = 0;
    do {
      int to = Math.min(count, from + Limits.MAX_HASHES_PER_PAGE);
      if (from > 0) {
        channel.flush();
        room.await();
      }
      channel.write(
          new ManifestPage(
              id,
              entry.publishedPath(),
              entry.size(),
              entry.chunkSize(),
              entry.sha256(),
              from,
              entry.chunks().range(from, to),
              to == count));
      from = to;
    } while (from < count);
    channel.flush();
  }
}
