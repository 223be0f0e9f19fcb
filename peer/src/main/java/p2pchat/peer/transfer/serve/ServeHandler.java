package p2pchat.peer.transfer.serve;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.peer.share.AccessRefused;
import p2pchat.peer.share.IndexedFile;
import p2pchat.peer.share.OpenFile;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.Chunks;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileMessage.CloseTransfer;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.message.FileMessage.TransferOpened;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.net.MessageHandler;
import p2pchat.protocol.net.ProtocolErrors;
import p2pchat.protocol.tls.TlsContexts;

/**
 * The serving end of one file-transfer connection. The event loop only checks and queues requests;
 * one virtual thread per connection works through them in order: opens files through the guard,
 * reads each chunk whole into a direct buffer (used again, see {@link ServeBuffers}), checks that
 * the file did not change meanwhile, and writes the chunk as DATA frames that are slices of that
 * buffer (no copy before TLS). A chunk's bytes count against the connection's, its user's and the
 * server's {@link ServeBudget} from the moment they are read until TLS has written them to the
 * socket; the sender reads the next chunk only when it fits, and meanwhile (or while the outbound
 * buffer is above the high water mark) the connection's requests are not read either, so that a
 * requester who does not read holds a bounded amount of memory and queues no more work.
 */
final class ServeHandler extends MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FileServer.class);
  private static final Object STOP = new Object();

  private enum Stage {
    OPEN,
    AUTHORIZING,
    READY
  }

  /** Requests a client may send right behind its OpenTransfer, held until it is accepted. */
  private static final int MAX_HELD = 64;

  private final FileServer server;
  private Stage stage = Stage.OPEN;
  private Channel channel;
  private String remote = "?";
  private PeerId remoteId;
  private volatile String requester;
  private final BlockingQueue<Object> work = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedChunks = new AtomicInteger();
  private final Set<Integer> closing = ConcurrentHashMap.newKeySet();
  private final Map<Integer, OpenFile> open = new HashMap<>(); // the sender thread's own
  private final ReentrantLock writable = new ReentrantLock();
  private final Condition writableAgain = writable.newCondition();
  private Thread sender;
  private final java.util.ArrayDeque<Message> held = new java.util.ArrayDeque<>();
  private volatile ServeBudget.Account account;
  private volatile boolean senderWaiting;

  ServeHandler(FileServer server) {
    super("a file requester does not send DATA frames");
    this.server = server;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    remote = String.valueOf(channel.remoteAddress()).replaceFirst("^/", "");
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ssl != null && ssl.handshakeFuture().isSuccess()) {
      remoteId = TlsContexts.remotePeerId(ssl).orElse(null);
    }
    TransferSettings s = server.settings();
    channel
        .config()
        .setWriteBufferWaterMark(new WriteBufferWaterMark(s.writeLowWater(), s.writeHighWater()));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        remoteId = TlsContexts.remotePeerId(ctx.pipeline().get(SslHandler.class)).orElse(null);
      } else {
        ctx.close();
      }
    } else if (event instanceof IdleStateEvent) {
      LOG.debug("file connection from {} idle: closing", who());
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) throws Exception {
    switch (stage) {
      case OPEN -> open(ctx, message);
      case AUTHORIZING -> {
        if (held.size() >= MAX_HELD) {
          throw new ProtocolException(MAX_HELD + " requests before the transfer was opened");
        }
        held.add(message);
      }
      case READY -> ready(ctx, message);
    }
  }

  private void open(ChannelHandlerContext ctx, Message message) {
    if (!(message instanceof OpenTransfer openTransfer)) {
      refuse(
          ctx,
          ErrorCode.NOT_LOGGED_IN,
          "refused " + name(message) + " from an unidentified connection: open it first");
      return;
    }
    if (remoteId == null) {
      refuse(ctx, ErrorCode.IDENTITY_MISMATCH, "refused: the connection presented no certificate");
      return;
    }
    ctx.channel().config().setAutoRead(false);
    stage = Stage.AUTHORIZING;
    server
        .authorizer()
        .authorize(openTransfer.name(), remoteId, remote)
        .whenComplete(
            (ok, error) ->
                ctx.executor()
                    .execute(
                        () -> {
                          if (error != null) {
                            Throwable cause =
                                error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error;
                            held.clear();
                            refuse(ctx, ErrorCode.IDENTITY_MISMATCH, cause.getMessage());
                            return;
                          }
                          var slot = server.budget().connect(openTransfer.name());
                          if (slot.isEmpty()) {
                            held.clear();
                            refuse(ctx, ErrorCode.BUSY, server.budget().busy(openTransfer.name()));
                            return;
                          }
                          account = slot.get();
                          if (!ctx.channel().isActive()) {
                            account.close();
                            return;
                          }
                          requester = openTransfer.name();
                          stage = Stage.READY;
                          sender =
                              Thread.ofVirtual().name("serve-" + requester).start(this::sendLoop);
                          ctx.writeAndFlush(new TransferOpened(server.myName()));
                          try {
                            while (!held.isEmpty()) {
                              ready(ctx, held.poll());
                            }
                          } catch (ProtocolException e) {
                            exceptionCaught(ctx, e);
                            return;
                          }
                          updateReading();
                        }));
  }

  /** Refuses the connection: logs who and why, tells the other side, closes. */
  private void refuse(ChannelHandlerContext ctx, ErrorCode code, String why) {
    LOG.warn("refused a file connection from {}: {}", who(), why);
    server.listener().refused(who(), why);
    ctx.writeAndFlush(new Failure(0, code, why)).addListener(ChannelFutureListener.CLOSE);
  }

  private void ready(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    switch (message) {
      case GetManifest m -> work.add(m);
      case GetChunks m -> {
        if (queuedChunks.addAndGet(m.count()) > Limits.MAX_QUEUED_CHUNKS) {
          throw new ProtocolException(
              "more than " + Limits.MAX_QUEUED_CHUNKS + " chunks requested and not yet sent");
        }
        work.add(m);
      }
      case CloseTransfer m -> {
        closing.add(m.transferId());
        work.add(m);
      }
      case Ping ping -> ctx.writeAndFlush(new Pong(ping.nonce()));
      case Pong pong -> {}
      case Failure f -> LOG.debug("{} reported: {}", who(), f);
      default -> throw new ProtocolException("a file requester does not send " + name(message));
    }
  }

  private void sendLoop() {
    try {
      while (true) {
        Object task = work.take();
        if (task == STOP || !channel.isActive()) {
          return;
        }
        switch (task) {
          case GetManifest m -> manifest(m);
          case GetChunks m -> {
            boolean inRange = inRange(m);
            for (int i = 0; i < m.count(); i++) {
              queuedChunks.decrementAndGet();
              if (inRange && !closing.contains(m.transferId()) && channel.isActive()) {
                chunk(m.transferId(), m.firstChunk() + i);
              }
            }
          }
          case CloseTransfer m -> {
            OpenFile file = open.remove(m.transferId());
            if (file != null) {
              file.close();
            }
            closing.remove(m.transferId());
          }
          default -> throw new IllegalStateException("unexpected task " + task);
        }
      }
    } catch (InterruptedException e) {
      // the connection closed
    } catch (RuntimeException e) {
      LOG.warn("serving {} failed", who(), e);
      channel.close();
    } finally {
      open.values().forEach(OpenFile::close);
      open.clear();
      account.close();
    }
  }

  private void manifest(GetManifest m) throws InterruptedException {
    int id = m.transferId();
    if (open.containsKey(id)) {
      violation("transfer id " + id + " is in use already");
      return;
    }
    if (open.size() >= Limits.MAX_TRANSFERS_PER_CONNECTION) {
      fail(id, ErrorCode.BUSY, "at most " + Limits.MAX_TRANSFERS_PER_CONNECTION + " files at once");
      return;
    }
    OpenFile file;
    try {
      file = server.guard().open(m.path(), m.sha256());
    } catch (AccessRefused e) {
      String what =
          "GetManifest path=" + quote(m.path()) + m.sha256().map(h -> " sha256=" + h).orElse("");
      if (e.code() == ErrorCode.PATH_REFUSED) {
        LOG.warn("refused {}: {}: {}", who(), what, e.getMessage());
      } else {
        LOG.info("could not serve {}: {}: {}", who(), what, e.getMessage());
      }
      server.listener().refused(who(), e.getMessage());
      fail(id, e.code(), e.getMessage());
      return;
    }
    open.put(id, file);
    ManifestPages.send(channel, id, file.entry(), this::awaitWritable);
    LOG.debug("sent the manifest of {} to {}", file.entry().publishedPath(), who());
  }

  /**
   * Whether the chunks {@code m} asks for lie inside its file (counted in long: firstChunk + count
   * may pass the largest int); refuses the connection if not. A transfer not open is left to {@link
   * #chunk}.
   */
  private boolean inRange(GetChunks m) {
    OpenFile file = open.get(m.transferId());
    if (file == null) {
      return true;
    }
    long end = (long) m.firstChunk() + m.count();
    int count = file.entry().chunks().count();
    if (end > count) {
      violation(
          "chunks "
              + m.firstChunk()
              + " to "
              + (end - 1)
              + " of transfer "
              + m.transferId()
              + ", a file of "
              + count
              + " chunks");
      return false;
    }
    return true;
  }

  private void chunk(int id, int index) throws InterruptedException {
    OpenFile file = open.get(id);
    if (file == null) {
      violation("chunk " + index + " of transfer " + id + ", which is not open");
      return;
    }
    IndexedFile entry = file.entry();
    if (index >= entry.chunks().count()) {
      violation("chunk " + index + " of a file of " + entry.chunks().count() + " chunks");
      return;
    }
    long offset = Chunks.offset(index, entry.chunkSize());
    int length = Chunks.length(entry.size(), entry.chunkSize(), index);
    if (!account.acquire(length, this::waiting)) {
      return; // the connection closed
    }
    if (senderWaiting) {
      senderWaiting = false;
      updateReading();
    }
    ByteBuf buffer;
    try {
      buffer = server.buffers().take(length);
    } catch (OutOfMemoryError e) {
      account.release(length);
      throw e;
    }
    try {
      while (buffer.isWritable()) {
        int n =
            buffer.writeBytes(
                file.channel(), offset + buffer.writerIndex(), buffer.writableBytes());
        if (n < 0) {
          break;
        }
      }
      if (buffer.isWritable()) {
        throw new AccessRefused(
            ErrorCode.FILE_CHANGED, entry.publishedPath() + " got shorter while it was being sent");
      }
      // Read whole, then checked: a chunk is never sent half old, half new.
      file.checkUnchanged();
    } catch (AccessRefused e) {
      buffer.release();
      account.release(length);
      LOG.info("stopped serving {} to {}: {}", entry.publishedPath(), who(), e.getMessage());
      open.remove(id).close();
      fail(id, e.code(), e.getMessage());
      return;
    } catch (IOException e) {
      buffer.release();
      account.release(length);
      LOG.warn("reading {} for {} failed", entry.publishedPath(), who(), e);
      open.remove(id).close();
      fail(
          id, ErrorCode.NO_SUCH_FILE, entry.publishedPath() + " cannot be read: " + e.getMessage());
      return;
    }
    int frame = server.settings().framePayload();
    for (int at = 0; at < length; at += frame) {
      int n = Math.min(frame, length - at);
      // Counted until written to the socket: TLS completes this once its records of it are out.
      channel
          .write(new DataFrame(id, offset + at, buffer.retainedSlice(at, n)))
          .addListener(f -> account.release(n));
    }
    buffer.release();
    channel.flush();
    server.listener().served(requester, entry.publishedPath(), index);
    awaitWritable();
  }

  /** The sender has to wait for room: stop reading requests until it goes on. */
  private void waiting() {
    senderWaiting = true;
    updateReading();
  }

  /**
   * Reads requests only while the connection is ready, its outbound buffer is under the high water
   * mark and the sender is not waiting for room. Runs on the event loop.
   */
  private void updateReading() {
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(this::updateReading);
      return;
    }
    boolean read = stage == Stage.READY && channel.isWritable() && !senderWaiting;
    if (channel.config().isAutoRead() != read) {
      channel.config().setAutoRead(read);
    }
  }

  private void awaitWritable() throws InterruptedException {
    writable.lock();
    try {
      while (channel.isActive() && !channel.isWritable()) {
        writableAgain.await(1, TimeUnit.SECONDS);
      }
    } finally {
      writable.unlock();
    }
  }

  private void fail(int id, ErrorCode code, String text) {
    channel.writeAndFlush(new Failure(id, code, text));
  }

  private void violation(String text) {
    LOG.info("protocol error from {}: {}", who(), text);
    ProtocolException e = new ProtocolException(text);
    channel
        .writeAndFlush(new Failure(0, ErrorCode.PROTOCOL_ERROR, e.getMessage()))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    signalWritable();
    if (stage == Stage.READY) {
      updateReading();
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void signalWritable() {
    writable.lock();
    try {
      writableAgain.signalAll();
    } finally {
      writable.unlock();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    work.clear();
    work.add(STOP);
    if (account != null) {
      account.close(); // wakes a sender waiting for room
    }
    signalWritable();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    var violation = ProtocolErrors.violation(cause);
    if (violation.isPresent()) {
      LOG.info("protocol error from {}: {}", who(), violation.get().getMessage());
      ProtocolErrors.refuseAndClose(ctx, violation.get());
    } else {
      LOG.debug("file connection from {} failed: {}", who(), cause.toString());
      ctx.close();
    }
  }

  /** Who is asking, for logs: the user once known, always the address and PeerId. */
  private String who() {
    String id = remoteId == null ? "no certificate" : "PeerId " + remoteId.shortForm();
    return (requester == null ? "" : requester + " ") + "(" + id + ") at " + remote;
  }

  private static String quote(String path) {
    return "'" + path.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  private static String name(Message message) {
    return message.getClass().getSimpleName();
  }
}
