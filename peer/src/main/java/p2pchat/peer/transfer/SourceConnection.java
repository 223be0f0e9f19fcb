package p2pchat.peer.transfer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileMessage.CloseTransfer;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;

/** The asking end of a file-transfer connection to one source, once it is open. */
public final class SourceConnection {
  /** What arrives on the connection besides manifests. Called on the connection's event loop. */
  public interface Receiver {
    /** A DATA frame; the receiver owns it and must release it. */
    void data(SourceConnection from, DataFrame frame);

    /** The source refused or stopped transfer {@code transferId}. */
    void failed(SourceConnection from, int transferId, ErrorCode code, String text);

    /** The connection closed; {@code why} is a sentence. */
    void closed(SourceConnection from, String why);

    /** Whether chunks are outstanding, so that a silent source counts as stalled. */
    boolean waitingFor(SourceConnection from);
  }

  private final Channel channel;
  private final Source source;
  final Map<Integer, CompletableFuture<Manifest>> manifests = new ConcurrentHashMap<>();

  SourceConnection(Channel channel, Source source) {
    this.channel = channel;
    this.source = source;
  }

  /** The source at the other end. */
  public Source source() {
    return source;
  }

  /** Asks for the manifest of a file, as transfer {@code id}. */
  public CompletableFuture<Manifest> manifest(int id, String path, Optional<FileHash> sha256) {
    CompletableFuture<Manifest> future = new CompletableFuture<>();
    manifests.put(id, future);
    channel
        .writeAndFlush(new GetManifest(id, path, sha256))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                future.completeExceptionally(f.cause());
              }
            });
    return future;
  }

  /** Asks for {@code count} chunks from {@code first} on. */
  public void requestChunks(int id, int first, int count) {
    channel.writeAndFlush(new GetChunks(id, first, count));
  }

  /** Tells the source this transfer is over. */
  public void closeTransfer(int id) {
    channel.writeAndFlush(new CloseTransfer(id));
  }

  /** Whether the connection is open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /** Closes the connection (what was written before goes out first). */
  public void close() {
    if (channel.isActive()) {
      channel
          .writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Closes at once, dropping what is queued: the source misbehaved. */
  public void abort() {
    channel.close();
  }

  @Override
  public String toString() {
    return "file connection to " + source;
  }
}
