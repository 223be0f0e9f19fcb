package p2pchat.registry;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.CheckPeer;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.Logout;
import p2pchat.protocol.message.RegistryMessage.Lookup;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange.Change;
import p2pchat.protocol.message.RegistryMessage.PresenceChange.Reason;
import p2pchat.protocol.message.RegistryMessage.Register;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.message.RegistryMessage.SetVisibility;
import p2pchat.protocol.net.ProtocolErrors;
import p2pchat.protocol.tls.TlsContexts;
import p2pchat.registry.session.Session;
import p2pchat.registry.store.Account;

/**
 * One client connection: the version handshake, then requests in the order they arrive. Requests
 * that block (password hashing, the database) run on the registry's blocking pool; while one runs,
 * later requests wait in order and reading pauses.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<Message> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RegistryCore core;
  private final long id = RANDOM.nextLong();
  private final String idText = HexFormat.of().toHexDigits(id);
  private final ArrayDeque<Message> waiting = new ArrayDeque<>();
  private String remoteHost = "?";
  private int remotePort;
  private PeerId peerId;
  private boolean welcomed;
  private boolean busy;
  private boolean connectionRefused; // after a violation or version refusal: read nothing more
  private Session session;

  ConnectionHandler(RegistryCore core) {
    this.core = core;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
      remoteHost = remote.getAddress().getHostAddress();
      remotePort = remote.getPort();
    }
    scheduleLoginDeadline(ctx, core.config().loginTimeout().toMillis());
    ctx.fireChannelActive();
  }

  private void scheduleLoginDeadline(ChannelHandlerContext ctx, long millis) {
    ctx.executor()
        .schedule(
            () -> {
              if (session != null || !ctx.channel().isActive()) {
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
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof DataFrame data) {
      data.release();
      exceptionCaught(ctx, new ProtocolException("a registry does not take DATA frames"));
      return;
    }
    super.channelRead(ctx, msg);
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

  private void handle(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    if (!welcomed) {
      if (!(message instanceof Hello hello)) {
        throw new ProtocolException("expected Hello as the first message, got " + name(message));
      }
      greet(ctx, hello);
      return;
    }
    switch (message) {
      case Ping ping -> ctx.writeAndFlush(new Pong(ping.nonce()));
      case Pong pong -> {}
      case Register r -> blocking(ctx, r, r.requestId(), () -> register(r));
      case Login l -> login(ctx, l);
      case Logout l -> logout(ctx, l);
      case ListOnline l -> {
        if (loggedIn(ctx, l, l.requestId())) {
          sendOnline(ctx, l.requestId());
          RequestLog.ok(idText, user(), l);
        }
      }
      case Lookup l -> lookup(ctx, l);
      case SetVisibility v -> setVisibility(ctx, v);
      case Hello h -> throw new ProtocolException("Hello sent twice");
      case Welcome m -> throw unexpected(m);
      case Failure m -> throw unexpected(m);
      case Done m -> throw unexpected(m);
      case LoginOk m -> throw unexpected(m);
      case OnlinePage m -> throw unexpected(m);
      case LookupResult m -> throw unexpected(m);
      case RegistryMessage.PresenceChange m -> throw unexpected(m);
      case SessionEnded m -> throw unexpected(m);
      case CheckPeer c -> checkPeer(ctx, c);
      case AdminMessage m -> throw new ProtocolException("administration is not available yet");
      case PeerMessage m ->
          throw new ProtocolException("a registry does not take peer messages such as " + name(m));
    }
  }

  private void greet(ChannelHandlerContext ctx, Hello hello) {
    if (hello.version() != ProtocolVersion.CURRENT) {
      String text =
          "this registry speaks protocol version "
              + ProtocolVersion.CURRENT
              + ", the client sent version "
              + hello.version()
              + "; update the older side";
      RequestLog.failed(
          idText, user(), hello, new RequestFailedException(ErrorCode.UNSUPPORTED_VERSION, text));
      connectionRefused = true;
      ctx.writeAndFlush(new Failure(0, ErrorCode.UNSUPPORTED_VERSION, text))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    welcomed = true;
    ctx.writeAndFlush(new Welcome(ProtocolVersion.CURRENT, ProtocolVersion.SOFTWARE));
  }

  private Done register(Register r) throws Exception {
    core.accounts().register(r.name(), r.password(), requirePeerId());
    return new Done(r.requestId());
  }

  private void login(ChannelHandlerContext ctx, Login l) {
    if (session != null) {
      fail(
          ctx,
          l,
          l.requestId(),
          new RequestFailedException(
              ErrorCode.ALREADY_LOGGED_IN,
              "this connection is logged in already as " + session.name()));
      return;
    }
    PeerId device = peerId;
    blocking(
        ctx,
        l,
        l.requestId(),
        () -> core.accounts().login(l.name(), l.password(), device, remoteHost),
        account -> startSession(ctx, l, account));
  }

  private void startSession(ChannelHandlerContext ctx, Login l, Account account) {
    byte[] helloKey = new byte[Limits.HELLO_KEY_BYTES];
    RANDOM.nextBytes(helloKey);
    PeerInfo info = new PeerInfo(account.name(), remoteHost, l.listenPort(), peerId, Instant.now());
    session = new Session(id, ctx.channel(), account.name(), info, helloKey, l.visible());
    core.directory()
        .add(session)
        .ifPresent(
            old ->
                old.channel()
                    .writeAndFlush(
                        new SessionEnded(
                            SessionEnded.Why.REPLACED,
                            account.name()
                                + " logged in again from "
                                + remoteHost
                                + "; this session is closed"))
                    .addListener(ChannelFutureListener.CLOSE));
    int timeout = (int) Math.min(Integer.MAX_VALUE, core.config().heartbeatTimeout().toMillis());
    ctx.write(
        new LoginOk(l.requestId(), id, remoteHost, remotePort, core.udpPort(), helloKey, timeout));
    sendOnline(ctx, l.requestId());
    if (session.visible()) {
      core.directory().announce(session, Change.JOINED, Reason.LOGIN);
    }
  }

  private void logout(ChannelHandlerContext ctx, Logout l) {
    if (!loggedIn(ctx, l, l.requestId())) {
      return;
    }
    session.endReason(Reason.LOGOUT);
    RequestLog.ok(idText, user(), l);
    ctx.writeAndFlush(new Done(l.requestId())).addListener(ChannelFutureListener.CLOSE);
  }

  private void lookup(ChannelHandlerContext ctx, Lookup l) {
    if (!loggedIn(ctx, l, l.requestId())) {
      return;
    }
    Optional<Session> found = core.directory().findVisible(l.name());
    if (found.isPresent()) {
      ctx.writeAndFlush(new LookupResult(l.requestId(), found.get().info()));
      RequestLog.ok(idText, user(), l);
      return;
    }
    blocking(
        ctx,
        l,
        l.requestId(),
        () -> {
          if (core.store().find(l.name()).isEmpty()) {
            throw new RequestFailedException(
                ErrorCode.UNKNOWN_USER, "there is no user named " + l.name());
          }
          throw new RequestFailedException(ErrorCode.USER_OFFLINE, l.name() + " is not online");
        });
  }

  private void checkPeer(ChannelHandlerContext ctx, CheckPeer c) {
    if (!loggedIn(ctx, c, c.requestId())) {
      return;
    }
    blocking(
        ctx,
        c,
        c.requestId(),
        () -> {
          Account account =
              core.store()
                  .find(c.name())
                  .orElseThrow(
                      () ->
                          new RequestFailedException(
                              ErrorCode.UNKNOWN_USER, "there is no user named " + c.name()));
          if (!account.peerIds().contains(c.peerId())) {
            throw new RequestFailedException(
                ErrorCode.IDENTITY_MISMATCH,
                "PeerId " + c.peerId() + " does not belong to " + account.name());
          }
          return new Done(c.requestId());
        });
  }

  private void setVisibility(ChannelHandlerContext ctx, SetVisibility v) {
    if (!loggedIn(ctx, v, v.requestId())) {
      return;
    }
    if (session.visible() != v.visible()) {
      if (v.visible()) {
        session.visible(true);
        core.directory().announce(session, Change.JOINED, Reason.LOGIN);
      } else {
        core.directory().announce(session, Change.LEFT, Reason.LOGOUT);
        session.visible(false);
      }
    }
    ctx.writeAndFlush(new Done(v.requestId()));
    RequestLog.ok(idText, user(), v);
  }

  private void sendOnline(ChannelHandlerContext ctx, int requestId) {
    List<PeerInfo> online = core.directory().visibleTo(session);
    int pageSize = core.config().pageSize();
    int from = 0;
    do {
      int to = Math.min(online.size(), from + pageSize);
      ctx.write(new OnlinePage(requestId, online.subList(from, to), to == online.size()));
      from = to;
    } while (from < online.size());
    ctx.flush();
  }

  private <T> void blocking(
      ChannelHandlerContext ctx, Message request, int requestId, Callable<T> work) {
    blocking(ctx, request, requestId, work, result -> ctx.writeAndFlush(result));
  }

  private <T> void blocking(
      ChannelHandlerContext ctx,
      Message request,
      int requestId,
      Callable<T> work,
      java.util.function.Consumer<T> onSuccess) {
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
      java.util.function.Consumer<T> onSuccess) {
    busy = false;
    if (!ctx.channel().isActive()) {
      return;
    }
    if (error == null) {
      onSuccess.accept(result);
      RequestLog.ok(idText, user(), request);
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
    if (!busy) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void fail(
      ChannelHandlerContext ctx, Message request, int requestId, RequestFailedException e) {
    RequestLog.failed(idText, user(), request, e);
    ctx.writeAndFlush(new Failure(requestId, e.code(), e.getMessage()));
  }

  /** True if logged in; otherwise refuses the request (a refusal, not a protocol error). */
  private boolean loggedIn(ChannelHandlerContext ctx, Message request, int requestId) {
    if (session == null) {
      fail(
          ctx,
          request,
          requestId,
          new RequestFailedException(ErrorCode.NOT_LOGGED_IN, "log in first"));
      return false;
    }
    return true;
  }

  private PeerId requirePeerId() throws RequestFailedException {
    if (peerId == null) {
      throw new RequestFailedException(
          ErrorCode.PROTOCOL_ERROR, "the connection presented no certificate");
    }
    return peerId;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (session != null && core.directory().remove(session) && session.visible()) {
      core.directory().announce(session, Change.LEFT, session.endReason());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Optional<ProtocolException> violation = ProtocolErrors.violation(cause);
    if (violation.isPresent()) {
      connectionRefused = true;
      RequestLog.protocolError(
          idText, user(), remoteHost + ":" + remotePort, violation.get().getMessage());
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

  private String user() {
    return session == null ? "-" : session.name();
  }

  private static String name(Message message) {
    return message.getClass().getSimpleName();
  }

  private static ProtocolException unexpected(Message message) {
    return new ProtocolException("a client does not send " + name(message));
  }
}
