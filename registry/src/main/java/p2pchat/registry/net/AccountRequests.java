package p2pchat.registry.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Optional;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerInfo;
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
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.Register;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.message.RegistryMessage.SetVisibility;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.session.Session;
import p2pchat.registry.store.Account;

/**
 * The requests of a chat client on one connection: register, log in and out, the online list,
 * lookups, identity checks and visibility. An operator's connection may only log out.
 */
final class AccountRequests {
  private final ConnectionHandler c;

  AccountRequests(ConnectionHandler connection) {
    this.c = connection;
  }

  void handle(ChannelHandlerContext ctx, RegistryMessage message) throws ProtocolException {
    switch (message) {
      case Register r -> register(ctx, r);
      case Login l -> login(ctx, l);
      case Logout l -> logout(ctx, l);
      case ListOnline l -> {
        if (chat(ctx, l, l.requestId()) && loggedIn(ctx, l, l.requestId())) {
          sendOnline(ctx, l.requestId());
          c.ok(l);
        }
      }
      case Lookup l -> lookup(ctx, l);
      case SetVisibility v -> setVisibility(ctx, v);
      case CheckPeer p -> checkPeer(ctx, p);
      case Done m -> throw ConnectionHandler.unexpected(m);
      case LoginOk m -> throw ConnectionHandler.unexpected(m);
      case OnlinePage m -> throw ConnectionHandler.unexpected(m);
      case LookupResult m -> throw ConnectionHandler.unexpected(m);
      case PresenceChange m -> throw ConnectionHandler.unexpected(m);
      case SessionEnded m -> throw ConnectionHandler.unexpected(m);
    }
  }

  private void register(ChannelHandlerContext ctx, Register r) {
    if (!chat(ctx, r, r.requestId())
        || !withinLimit(ctx, r, r.requestId(), c.core().limits().registration(c.remoteHost()))) {
      return;
    }
    c.blocking(
        ctx,
        r,
        r.requestId(),
        () -> {
          c.core().accounts().register(r.name(), r.password(), c.requirePeerId());
          return new Done(r.requestId());
        });
  }

  private void login(ChannelHandlerContext ctx, Login l) {
    if (c.session() != null) {
      c.fail(
          ctx,
          l,
          l.requestId(),
          new RequestFailedException(
              ErrorCode.ALREADY_LOGGED_IN,
              "this connection is logged in already as " + c.session().name()));
      return;
    }
    if (!chat(ctx, l, l.requestId())
        || !withinLimit(ctx, l, l.requestId(), c.core().limits().loginFrom(c.remoteHost()))) {
      return;
    }
    // The account's bucket is taken after the store says whether this device is bound to it.
    c.blocking(
        ctx,
        l,
        l.requestId(),
        () ->
            c.core()
                .accounts()
                .login(
                    l.name(), l.password(), c.requirePeerId(), c.remoteHost(), c.core().limits()),
        account -> startSession(ctx, l, account));
  }

  private void startSession(ChannelHandlerContext ctx, Login l, Account account) {
    Core core = c.core();
    Session session =
        core.presence()
            .start(
                c.id(),
                new ChannelSession(ctx.channel()),
                account.name(),
                c.remoteHost(),
                c.remotePort(),
                l.listenPort(),
                c.peerId(),
                l.visible());
    c.loggedIn(session);
    int timeout = (int) Math.min(Integer.MAX_VALUE, core.config().heartbeatTimeout().toMillis());
    ctx.write(
        new LoginOk(
            l.requestId(),
            c.id(),
            c.remoteHost(),
            c.remotePort(),
            core.udpPort(),
            session.helloKey(),
            timeout));
    sendOnline(ctx, l.requestId());
    core.presence().joined(session);
  }

  private void logout(ChannelHandlerContext ctx, Logout l) {
    if (c.adminName() == null && !loggedIn(ctx, l, l.requestId())) {
      return;
    }
    if (c.session() != null) {
      c.core().presence().loggingOut(c.session());
    }
    c.ok(l);
    ctx.writeAndFlush(new Done(l.requestId())).addListener(ChannelFutureListener.CLOSE);
  }

  private void lookup(ChannelHandlerContext ctx, Lookup l) {
    if (!chat(ctx, l, l.requestId()) || !loggedIn(ctx, l, l.requestId())) {
      return;
    }
    Optional<PeerInfo> found = c.core().presence().lookup(l.name());
    if (found.isPresent()) {
      ctx.writeAndFlush(new LookupResult(l.requestId(), found.get()));
      c.ok(l);
      return;
    }
    c.blocking(
        ctx,
        l,
        l.requestId(),
        () -> {
          throw c.core().accounts().lookupRefusal(l.name());
        });
  }

  private void checkPeer(ChannelHandlerContext ctx, CheckPeer p) {
    if (!chat(ctx, p, p.requestId()) || !loggedIn(ctx, p, p.requestId())) {
      return;
    }
    c.blocking(
        ctx,
        p,
        p.requestId(),
        () -> {
          c.core().accounts().checkPeer(p.name(), p.peerId());
          return new Done(p.requestId());
        });
  }

  private void setVisibility(ChannelHandlerContext ctx, SetVisibility v) {
    if (!chat(ctx, v, v.requestId()) || !loggedIn(ctx, v, v.requestId())) {
      return;
    }
    c.core().presence().setVisible(c.session(), v.visible());
    ctx.writeAndFlush(new Done(v.requestId()));
    c.ok(v);
  }

  private void sendOnline(ChannelHandlerContext ctx, int requestId) {
    List<PeerInfo> online = c.core().presence().onlineFor(c.session());
    Pages.send(
        ctx,
        online,
        c.core().config().pageSize(),
        (page, last) -> new OnlinePage(requestId, page, last));
  }

  /** True unless this is an operator's connection; then refuses the request. */
  private boolean chat(ChannelHandlerContext ctx, Message request, int requestId) {
    if (c.adminName() == null) {
      return true;
    }
    c.fail(
        ctx,
        request,
        requestId,
        new RequestFailedException(
            ErrorCode.FORBIDDEN,
            "this connection is logged in as admin "
                + c.adminName()
                + "; chat requests need a chat login on a connection of their own"));
    return false;
  }

  /** True if logged in; otherwise refuses the request (a refusal, not a protocol error). */
  private boolean loggedIn(ChannelHandlerContext ctx, Message request, int requestId) {
    if (c.session() == null) {
      c.fail(
          ctx,
          request,
          requestId,
          new RequestFailedException(ErrorCode.NOT_LOGGED_IN, "log in first"));
      return false;
    }
    return true;
  }

  /** True if {@code slowDown} is empty; otherwise refuses the request with it. */
  private boolean withinLimit(
      ChannelHandlerContext ctx, Message request, int requestId, Optional<String> slowDown) {
    if (slowDown.isEmpty()) {
      return true;
    }
    c.fail(
        ctx, request, requestId, new RequestFailedException(ErrorCode.SLOW_DOWN, slowDown.get()));
    return false;
  }
}
