package p2pchat.registry.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.AdminMessage.AdminLogin;
import p2pchat.protocol.message.AdminMessage.Ban;
import p2pchat.protocol.message.AdminMessage.FollowLog;
import p2pchat.protocol.message.AdminMessage.History;
import p2pchat.protocol.message.AdminMessage.HistoryEntry;
import p2pchat.protocol.message.AdminMessage.HistoryPage;
import p2pchat.protocol.message.AdminMessage.Kick;
import p2pchat.protocol.message.AdminMessage.ListSessions;
import p2pchat.protocol.message.AdminMessage.LogLine;
import p2pchat.protocol.message.AdminMessage.SessionInfo;
import p2pchat.protocol.message.AdminMessage.SessionsPage;
import p2pchat.protocol.message.AdminMessage.Unban;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.registry.RequestFailedException;
import p2pchat.registry.service.Operators;

/**
 * The requests of an operator on one connection: the admin login, then sessions, kick, ban, unban,
 * history and the live log. Every one but the login is refused with {@code FORBIDDEN} on a
 * connection that is not logged in as an operator, including a chat user's.
 */
final class AdminRequests {
  /** Most bytes of history entries in one page, well under the frame limit. */
  private static final int HISTORY_PAGE_BYTES = 256 * 1024;

  /** Longest log line sent, in characters: at most 3 UTF-8 bytes each, under the text limit. */
  private static final int MAX_LOG_LINE_CHARS = Limits.MAX_TEXT_BYTES / 3 - 3;

  private final ConnectionHandler c;

  AdminRequests(ConnectionHandler connection) {
    this.c = connection;
  }

  void handle(ChannelHandlerContext ctx, AdminMessage message) throws ProtocolException {
    Operators operators = c.core().operators();
    switch (message) {
      case AdminLogin l -> login(ctx, l);
      case ListSessions l -> {
        if (operator(ctx, l, l.requestId())) {
          sendSessions(ctx, l.requestId(), operators.sessions());
          c.ok(l);
        }
      }
      case Kick k -> {
        if (operator(ctx, k, k.requestId())) {
          c.blocking(
              ctx,
              k,
              k.requestId(),
              () -> {
                operators.kick(k.name(), k.reason());
                return new Done(k.requestId());
              });
        }
      }
      case Ban b -> {
        if (operator(ctx, b, b.requestId())) {
          c.blocking(
              ctx,
              b,
              b.requestId(),
              () -> {
                operators.ban(b.name(), b.reason());
                return new Done(b.requestId());
              });
        }
      }
      case Unban u -> {
        if (operator(ctx, u, u.requestId())) {
          c.blocking(
              ctx,
              u,
              u.requestId(),
              () -> {
                operators.unban(u.name());
                return new Done(u.requestId());
              });
        }
      }
      case History h -> {
        if (operator(ctx, h, h.requestId())) {
          c.blocking(
              ctx,
              h,
              h.requestId(),
              () -> operators.history(h.name(), h.limit()),
              entries -> sendHistory(ctx, h.requestId(), entries));
        }
      }
      case FollowLog f -> {
        if (operator(ctx, f, f.requestId())) {
          follow(ctx, f);
        }
      }
      case SessionsPage m -> throw ConnectionHandler.unexpected(m);
      case HistoryPage m -> throw ConnectionHandler.unexpected(m);
      case LogLine m -> throw ConnectionHandler.unexpected(m);
    }
  }

  private void login(ChannelHandlerContext ctx, AdminLogin l) {
    if (c.adminName() != null || c.session() != null) {
      c.fail(
          ctx,
          l,
          l.requestId(),
          new RequestFailedException(
              ErrorCode.ALREADY_LOGGED_IN,
              c.adminName() != null
                  ? "this connection is logged in already as admin " + c.adminName()
                  : "this connection is logged in as user "
                      + c.session().name()
                      + "; an admin login needs a connection of its own"));
      return;
    }
    Optional<String> slowDown = c.core().limits().login(c.remoteHost(), "admin:" + l.name());
    if (slowDown.isPresent()) {
      c.fail(
          ctx, l, l.requestId(), new RequestFailedException(ErrorCode.SLOW_DOWN, slowDown.get()));
      return;
    }
    c.blocking(
        ctx,
        l,
        l.requestId(),
        () -> c.core().accounts().adminLogin(l.name(), l.password(), c.remoteHost()),
        found -> {
          c.loggedInAsAdmin(found.name());
          ctx.writeAndFlush(new Done(l.requestId()));
        });
  }

  /** True if the connection is an operator's; otherwise refuses the request. */
  private boolean operator(ChannelHandlerContext ctx, Message request, int requestId) {
    if (c.adminName() != null) {
      return true;
    }
    c.fail(
        ctx,
        request,
        requestId,
        new RequestFailedException(
            ErrorCode.FORBIDDEN,
            c.session() != null
                ? c.session().name()
                    + " is a chat account and cannot administer the registry; operators log in"
                    + " with an admin identity (p2pchat admin)"
                : "administration needs an admin login first"));
    return false;
  }

  private void sendSessions(ChannelHandlerContext ctx, int requestId, List<SessionInfo> all) {
    Pages.send(
        ctx,
        all,
        c.core().config().pageSize(),
        (page, last) -> new SessionsPage(requestId, page, last));
  }

  private static void sendHistory(
      ChannelHandlerContext ctx, int requestId, List<HistoryEntry> entries) {
    List<HistoryEntry> page = new ArrayList<>();
    int bytes = 0;
    for (HistoryEntry e : entries) {
      int size = size(e);
      if (!page.isEmpty()
          && (bytes + size > HISTORY_PAGE_BYTES || page.size() == Limits.MAX_PEERS_PER_PAGE)) {
        ctx.write(new HistoryPage(requestId, page, false));
        page = new ArrayList<>();
        bytes = 0;
      }
      page.add(e);
      bytes += size;
    }
    ctx.writeAndFlush(new HistoryPage(requestId, page, true));
  }

  private static int size(HistoryEntry e) {
    return 8
        + 8
        + 6
        + e.request().getBytes(StandardCharsets.UTF_8).length
        + e.arguments().getBytes(StandardCharsets.UTF_8).length
        + e.outcome().getBytes(StandardCharsets.UTF_8).length;
  }

  private void follow(ChannelHandlerContext ctx, FollowLog f) {
    Channel channel = ctx.channel();
    AtomicLong dropped = new AtomicLong();
    Runnable stop =
        c.core()
            .requestLog()
            .follow(
                line -> {
                  if (!channel.isActive()) {
                    return;
                  }
                  // A follower that reads slower than the registry logs loses lines, rather than
                  // the registry buffering without end.
                  if (!channel.isWritable()) {
                    dropped.incrementAndGet();
                    return;
                  }
                  long lost = dropped.getAndSet(0);
                  if (lost > 0) {
                    channel.write(
                        new LogLine(
                            f.requestId(),
                            "(" + lost + " lines dropped: this connection could not keep up)"));
                  }
                  channel.writeAndFlush(new LogLine(f.requestId(), cut(line)));
                });
    c.onClose(stop);
    ctx.writeAndFlush(new Done(f.requestId()));
    c.ok(f);
  }

  private static String cut(String line) {
    return line.length() <= MAX_LOG_LINE_CHARS
        ? line
        : line.substring(0, MAX_LOG_LINE_CHARS - 3) + "...";
  }
}
