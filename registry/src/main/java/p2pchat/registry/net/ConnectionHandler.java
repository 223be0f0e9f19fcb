package p2pchat.registry.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.FileMessage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.net.MessageHandler;
import p2pchat.protocol.net.ProtocolErrors;
import p2pchat.protocol.net.VersionHandshake;
import p2pchat.protocol.tls.TlsContexts;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.service.RequestLog;
import p2pchat.registry.service.Requests;
import p2pchat.registry.session.Session;

/**
 * One client connection: the version handshake, then requests in the order they arrive, each
 * checked against the rate limits and passed to {@link AccountRequests}, {@link AdminRequests} or
 * {@link FileRequests}, which translate them into calls of the registry's services. Requests that
 * block (password hashing, the database) run on the registry's blocking pool; while one runs, later
 * requests wait in order and reading pauses. Reading pauses too while the request history is too
 * far behind to record more requests.
 */
final class ConnectionHandler extends MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Core core;
  private final long id = RANDOM.nextLong();
  private final String idText = HexFormat.of().toHexDigits(id);
  private final ArrayDeque<Message> waiting = new ArrayDeque<>();
  private final AccountRequests accountRequests = new AccountRequests(this);
  private final AdminRequests adminRequests = new AdminRequests(this);
  private final FileRequests fileRequests = new FileRequests(this);
  private final List<Runnable> onClose = new ArrayList<>();
  private final String remoteHost;
  private int remotePort;
  private PeerId peerId;
  private boolean busy;
  private boolean historyBehind; // reading paused until the request history catches up
  private boolean connectionRefused; // after a violation or version refusal: read nothing more
  private boolean pending = true; // not logged in yet, as a user or an operator
  private Session session;
  private String adminName;
  private RequestLog.Requester loggedInAs; // who every request is from, once logged in

  /**
   * A handler for a connection from {@code remoteHost}, which holds one of that address's slots
   * (given back when the connection closes).
   */
  ConnectionHandler(Core core, String remoteHost) {
    super("a registry does not take DATA frames");
    this.core = core;
    this.remoteHost = remoteHost;
  }

  // ---- what the request handlers share ----

  Core core() {
    return core;
  }

  long id() {
    return id;
  }

  String remoteHost() {
    return remoteHost;
  }

  int remotePort() {
    return remotePort;
  }

  /** The PeerId of the client's certificate; null if it presented none. */
  PeerId peerId() {
    return peerId;
  }

  /** The PeerId of the client's certificate, or a refusal if it presented none. */
  PeerId requirePeerId() throws RequestFailedException {
    if (peerId == null) {
      throw new RequestFailedException(
          ErrorCode.PROTOCOL_ERROR, "the connection presented no certificate");
    }
    return peerId;
  }

  /** The chat session, once logged in as a user. */
  Session session() {
    return session;
  }

  /** The operator's name, once logged in as one. */
  String adminName() {
    return adminName;
  }

  /** The connection logged in as a user. */
  void loggedIn(Session s) {
    session = s;
    loggedInAs = requester(null);
    leavePending();
  }

  /** The connection logged in as operator {@code name}. */
  void loggedInAsAdmin(String name) {
    adminName = name;
    loggedInAs = requester(null);
    leavePending();
  }

  private void leavePending() {
    if (pending) {
      core.slots().loggedIn(remoteHost);
    }
    pending = false;
  }

  /** Runs {@code action} when the connection closes. */
  void onClose(Runnable action) {
    onClose.add(action);
  }

  // ---- transport ----

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      remotePort = remote.getPort();
    }
    scheduleLoginDeadline(ctx, core.config().loginTimeout().toMillis());
    ctx.fireChannelActive();
  }

  private void scheduleLoginDeadline(ChannelHandlerContext ctx, long millis) {
    ctx.executor()
        .schedule(
            () -> {
              if (!pending || !ctx.channel().isActive()) {
                return;
              }
              if (busy) {
                // A login is being checked right now: give it a moment rather than cut it off.
                scheduleLoginDeadline(ctx, 1000);
                return;
              }
              LOG.debug("session={} from {} did not log in in time: closing", idText, remoteHost);
              ctx.close();
            },
            millis,
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        peerId = TlsContexts.remotePeerId(ctx.pipeline().get(SslHandler.class)).orElse(null);
      } else {
        LOG.debug(
            "session={} TLS handshake from {} failed: {}",
            idText,
            remoteHost,
            done.cause().toString());
        ctx.close();
      }
    } else if (event instanceof VersionHandshake.Refused refused) {
      // The handshake answered the Failure and closes the connection; the history records it.
      Hello hello = refused.hello().orElseThrow();
      core.requestLog()
          .failed(
              requester(hello),
              hello,
              new RequestFailedException(refused.failure().code(), refused.failure().text()));
      connectionRefused = true;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    if (connectionRefused) {
      return; // decoded in the same read as what was refused; the connection is closing
    }
    if (session != null) {
      session.touch();
    }
    if (busy) {
      waiting.add(message);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    handle(ctx, message);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!historyBehind
        && core.requestLog().pauseIfBacklogged(() -> ctx.executor().execute(() -> resume(ctx)))) {
      historyBehind = true;
      ctx.channel().config().setAutoRead(false);
    }
    ctx.fireChannelReadComplete();
  }

  private void resume(ChannelHandlerContext ctx) {
    historyBehind = false;
    if (!busy) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void handle(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    if (Requests.isRequest(message)) {
      Optional<String> slowDown =
          core.limits().request(remoteHost, session == null ? null : session.name());
      if (slowDown.isPresent()) {
        fail(
            ctx,
            message,
            Requests.id(message),
            new RequestFailedException(ErrorCode.SLOW_DOWN, slowDown.get()));
        return;
      }
    }
    switch (message) {
      case Ping ping -> ctx.writeAndFlush(new Pong(ping.nonce()));
      case Pong pong -> {}
      case RegistryMessage m -> accountRequests.handle(ctx, m);
      case AdminMessage m -> adminRequests.handle(ctx, m);
      case Hello h -> throw new ProtocolException("Hello sent twice");
      case Welcome m -> throw unexpected(m);
      case Failure m -> throw unexpected(m);
      case FileIndexMessage m -> fileRequests.handle(ctx, m);
      case PeerMessage m ->
          throw new ProtocolException("a registry does not take peer messages such as " + name(m));
      case FileMessage m ->
          throw new ProtocolException("a registry does not take file messages such as " + name(m));
    }
  }

  // ---- answering ----

  /** Runs {@code work} on the blocking pool and writes its result as the answer. */
  <T extends Message> void blocking(
      ChannelHandlerContext ctx, Message request, int requestId, Callable<T> work) {
    blocking(ctx, request, requestId, work, result -> ctx.writeAndFlush(result));
  }

  /**
   * Runs {@code work} on the blocking pool, then {@code onSuccess} with its result on the event
   * loop; later requests wait meanwhile. A refusal is sent as a failure; either way the request is
   * logged.
   */
  <T> void blocking(
      ChannelHandlerContext ctx,
      Message request,
      int requestId,
      Callable<T> work,
      Consumer<T> onSuccess) {
    busy = true;
    core.blocking()
        .execute(
            () -> {
              T result = null;
              Exception error = null;
              try {
                result = work.call();
              } catch (Exception e) {
                error = e;
              }
              T done = result;
              Exception failed = error;
              ctx.executor()
                  .execute(() -> finish(ctx, request, requestId, done, failed, onSuccess));
            });
  }

  private <T> void finish(
      ChannelHandlerContext ctx,
      Message request,
      int requestId,
      T result,
      Exception error,
      Consumer<T> onSuccess) {
    busy = false;
    if (!ctx.channel().isActive()) {
      return;
    }
    if (error == null) {
      onSuccess.accept(result);
      ok(request);
    } else if (error instanceof RequestFailedException refused) {
      fail(ctx, request, requestId, refused);
    } else {
      LOG.error("session={} {} failed", idText, request, error);
      fail(
          ctx,
          request,
          requestId,
          new RequestFailedException(
              ErrorCode.INTERNAL_ERROR,
              "the registry failed to handle this request; its operator can see why in its log"));
    }
    drain(ctx);
  }

  private void drain(ChannelHandlerContext ctx) {
    try {
      while (!busy && !connectionRefused && !waiting.isEmpty() && ctx.channel().isActive()) {
        handle(ctx, waiting.poll());
      }
    } catch (ProtocolException e) {
      exceptionCaught(ctx, e);
      return;
    }
    if (!busy && !historyBehind) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** Logs {@code request} as done. */
  void ok(Message request) {
    core.requestLog().ok(requester(request), request);
  }

  /** Refuses {@code request} with {@code e}'s code and sentence, and logs it. */
  void fail(ChannelHandlerContext ctx, Message request, int requestId, RequestFailedException e) {
    core.requestLog().failed(requester(request), request, e);
    ctx.writeAndFlush(new Failure(requestId, e.code(), e.getMessage()));
  }

  /** Who made {@code request} (null: no particular request), and whose history it goes to. */
  private RequestLog.Requester requester(Message request) {
    // After login the requester no longer depends on the request: made once, not per request.
    if (loggedInAs != null) {
      return loggedInAs;
    }
    return RequestLog.Requester.of(
        id, idText, session == null ? null : session.name(), adminName, request);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    core.slots().closed(remoteHost, pending);
    onClose.forEach(Runnable::run);
    if (session != null) {
      core.presence().left(session);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Optional<ProtocolException> violation = ProtocolErrors.violation(cause);
    if (violation.isPresent()) {
      connectionRefused = true;
      core.requestLog()
          .protocolError(
              requester(null), remoteHost + ":" + remotePort, violation.get().getMessage());
      ProtocolErrors.refuseAndClose(ctx, violation.get());
    } else if (cause instanceof IOException
        || cause.getCause() instanceof javax.net.ssl.SSLException) {
      LOG.debug("session={} from {}: {}", idText, remoteHost, cause.toString());
      ctx.close();
    } else {
      LOG.warn("session={} from {} failed", idText, remoteHost, cause);
      ctx.close();
    }
  }

  static String name(Message message) {
    return message.getClass().getSimpleName();
  }

  static ProtocolException unexpected(Message message) {
    return new ProtocolException("a client does not send " + name(message));
  }
}
