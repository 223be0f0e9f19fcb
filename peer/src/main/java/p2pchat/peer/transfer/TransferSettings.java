package p2pchat.peer.transfer;

import java.time.Duration;

/**
 * How transfers run. The defaults were chosen by measurement on loopback TLS 1.3 (BoringSSL) on two
 * cores: 1 MiB chunks with 8 MiB in flight per source and 256 KiB DATA frames gave the best median
 * speed (docs/PROTOCOL.md, "Chunk size and pipelining"; {@code TransferBenchmark} prints the
 * numbers). TLS is not what limits it: a profile of a 1 GiB download put AES-128-GCM (both ends) at
 * about 0.15 ms of CPU per MB, against 0.55 ms for each of the two SHA-256 passes a download needs
 * (each chunk's hash, the whole file's), and about 0.35 ms each for the kernel's TCP work and
 * Netty's own code on the event loops.
 *
 * @param pipelineBytes bytes of chunks each source keeps requested and not yet received (at least
 *     two chunks)
 * @param framePayload bytes of file data per DATA frame
 * @param maxSources most sources one download fetches from at once
 * @param stallTimeout a source that sends nothing this long while chunks are outstanding is dropped
 * @param retryMin first wait before looking for sources again when none is left
 * @param retryMax longest such wait
 * @param writeLowWater the serving side writes more once its outbound buffer is below this
 * @param writeHighWater the serving side keeps at most this many bytes per connection read from the
 *     file and not yet written to the socket (one chunk at least), and stops reading requests from
 *     a connection while it is waiting for room
 * @param serveUserBytes the same bound for all the connections of one requesting user together
 * @param serveTotalBytes the same bound for the whole serving side
 * @param serveUserConnections file connections one requesting user may have open at once; one more
 *     is refused with {@code BUSY}
 */
public record TransferSettings(
    int pipelineBytes,
    int framePayload,
    int maxSources,
    Duration stallTimeout,
    Duration retryMin,
    Duration retryMax,
    int writeLowWater,
    int writeHighWater,
    long serveUserBytes,
    long serveTotalBytes,
    int serveUserConnections) {

  /** Serving side: bytes of chunks in flight for one user, unless told otherwise. */
  public static final long SERVE_USER_BYTES = 64L << 20;

  /** Serving side: bytes of chunks in flight in all, unless told otherwise. */
  public static final long SERVE_TOTAL_BYTES = 256L << 20;

  /** Serving side: file connections of one user at once, unless told otherwise. */
  public static final int SERVE_USER_CONNECTIONS = 64;

  /** The measured defaults. */
  public static final TransferSettings DEFAULTS =
      new TransferSettings(
          8 << 20,
          256 * 1024,
          4,
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          1 << 20,
          4 << 20,
          SERVE_USER_BYTES,
          SERVE_TOTAL_BYTES,
          SERVE_USER_CONNECTIONS);

  public TransferSettings {
    if (pipelineBytes < 1) {
      throw new IllegalArgumentException("pipelineBytes must be at least 1");
    }
    if (framePayload < 1024 || framePayload > p2pchat.protocol.Limits.MAX_FRAME_LENGTH - 64) {
      throw new IllegalArgumentException("framePayload out of range: " + framePayload);
    }
    if (writeHighWater < 1 || serveUserBytes < 1 || serveTotalBytes < 1) {
      throw new IllegalArgumentException("the serving side's byte bounds must be at least 1");
    }
    if (serveUserConnections < 1) {
      throw new IllegalArgumentException("serveUserConnections must be at least 1");
    }
  }

  /** Settings with the serving side's default bounds per user and in all. */
  public TransferSettings(
      int pipelineBytes,
      int framePayload,
      int maxSources,
      Duration stallTimeout,
      Duration retryMin,
      Duration retryMax,
      int writeLowWater,
      int writeHighWater) {
    this(
        pipelineBytes,
        framePayload,
        maxSources,
        stallTimeout,
        retryMin,
        retryMax,
        writeLowWater,
        writeHighWater,
        SERVE_USER_BYTES,
        SERVE_TOTAL_BYTES,
        SERVE_USER_CONNECTIONS);
  }

  /**
   * These settings with other bounds on the serving side: per connection, per user (bytes read and
   * not yet written), in all, and connections per user.
   */
  public TransferSettings withServeBounds(
      int perConnection, long perUser, long total, int connectionsPerUser) {
    return new TransferSettings(
        pipelineBytes,
        framePayload,
        maxSources,
        stallTimeout,
        retryMin,
        retryMax,
        Math.min(writeLowWater, perConnection),
        perConnection,
        perUser,
        total,
        connectionsPerUser);
  }

  /** These settings with another pipeline and frame payload (for measurements). */
  public TransferSettings with(int pipelineBytes, int framePayload) {
    return new TransferSettings(
        pipelineBytes,
        framePayload,
        maxSources,
        stallTimeout,
        retryMin,
        retryMax,
        writeLowWater,
        writeHighWater,
        serveUserBytes,
        serveTotalBytes,
        serveUserConnections);
  }

  /** How many chunks of {@code chunkSize} bytes a source keeps requested: two at least. */
  public int pipelineChunks(int chunkSize) {
    return Math.max(2, (int) Math.min(Integer.MAX_VALUE, (long) pipelineBytes / chunkSize));
  }

  /** These settings with other retry waits. */
  public TransferSettings withRetry(Duration min, Duration max) {
    return new TransferSettings(
        pipelineBytes,
        framePayload,
        maxSources,
        stallTimeout,
        min,
        max,
        writeLowWater,
        writeHighWater,
        serveUserBytes,
        serveTotalBytes,
        serveUserConnections);
  }
}
