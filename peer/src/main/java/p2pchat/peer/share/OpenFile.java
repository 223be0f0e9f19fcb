package p2pchat.peer.share;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import p2pchat.protocol.message.ErrorCode;

/**
 * A shared file opened for serving, after every check passed. {@link #checkUnchanged} is called
 * before each chunk, so that a file changed while being served is never sent half old, half new.
 */
public final class OpenFile implements AutoCloseable {
  private final IndexedFile entry;
  private final FileChannel channel;
  private final Path path;

  OpenFile(IndexedFile entry, FileChannel channel, Path path) {
    this.entry = entry;
    this.channel = channel;
    this.path = path;
  }

  /** The file as indexed: published path, size, hashes. */
  public IndexedFile entry() {
    return entry;
  }

  /** The open channel to read chunks from. */
  public FileChannel channel() {
    return channel;
  }

  /** Throws {@code FILE_CHANGED} unless the file is still exactly as indexed. */
  public void checkUnchanged() throws AccessRefused {
    try {
      if (channel.size() == entry.size() && entry.sameAs(FileState.of(path))) {
        return;
      }
    } catch (IOException e) {
      // Gone or unreadable: changed, as far as the requester is concerned.
    }
    throw new AccessRefused(
        ErrorCode.FILE_CHANGED,
        entry.publishedPath() + " changed while it was being sent; ask again once it is reindexed");
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: it was only read.
    }
  }
}
