package p2pchat.registry.client;

import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.AdminMessage;
import p2pchat.protocol.message.AdminMessage.HistoryPage;
import p2pchat.protocol.message.AdminMessage.LogLine;
import p2pchat.protocol.message.AdminMessage.SessionsPage;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.FileIndexMessage.FilesPage;
import p2pchat.protocol.message.FileMessage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.net.MessageHandler;
import p2pchat.protocol.net.ProtocolErrors;
import p2pchat.protocol.net.VersionHandshake;

/** Matches the registry's answers to pending requests and passes the rest to the listener. */
final class ClientHandler extends MessageHandler {
  /** The answer to a login or list request: the login (if any) and the pages gathered. */
  record Answer(LoginOk loginOk, List<PeerInfo> peers) {}

  private static final class Pending {
    final CompletableFuture<Object> future = new CompletableFuture<>();
    final List<PeerInfo> peers = new ArrayList<>();
    final List<Object> items = new ArrayList<>(); // sessions or history entries, page by page
    LoginOk loginOk;
  }

  /** Completes once the versions agree ({@link VersionHandshake} tells), or fails with why not. */
  final CompletableFuture<VersionHandshake.Agreed> welcome = new CompletableFuture<>();

  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final Map<Integer, Consumer<String>> followers = new ConcurrentHashMap<>();
  private final RegistryListener listener;
  private volatile String closeReason = "the registry closed the connection";

  ClientHandler(RegistryListener listener) {
    super("a registry does not send DATA frames");
    this.listener = listener;
  }

  CompletableFuture<Object> expect(int requestId) {
    Pending p = new Pending();
    pending.put(requestId, p);
    return p.future;
  }

  void forget(int requestId) {
    pending.remove(requestId);
  }

  /** Passes the log lines sent for request {@code requestId} to {@code lines}. */
  void follow(int requestId, Consumer<String> lines) {
    followers.put(requestId, lines);
  }

  /** Why the connection closed (or will), as the registry or the failure said. */
  String closeReason() {
    return closeReason;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    switch (event) {
      case VersionHandshake.Agreed agreed -> welcome.complete(agreed);
      case VersionHandshake.Refused refused -> refusedConnection(refused.failure());
      default -> ctx.fireUserEventTriggered(event);
    }
  }

  private void refusedConnection(Failure f) {
    closeReason = f.text();
    welcome.completeExceptionally(new RegistryException(f.code(), f.text()));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    switch (message) {
      case Welcome w -> throw new ProtocolException("Welcome sent twice");
      case Failure f -> {
        if (f.requestId() == 0) {
          refusedConnection(f);
        } else {
          RegistryException e = new RegistryException(f.code(), f.text());
          complete(f.requestId(), p -> p.future.completeExceptionally(e));
        }
      }
      case Done d -> complete(d.requestId(), p -> p.future.complete(d));
      case LoginOk ok -> {
        Pending p = pending.get(ok.requestId());
        if (p != null) {
          p.loginOk = ok;
        }
      }
      case OnlinePage page -> {
        Pending p = pending.get(page.requestId());
        if (p != null) {
          p.peers.addAll(page.peers());
          if (page.last()) {
            complete(page.requestId(), q -> q.future.complete(new Answer(q.loginOk, q.peers)));
          }
        }
      }
      case LookupResult r -> complete(r.requestId(), p -> p.future.complete(r.peer()));
      case PresenceChange change -> listener.presenceChanged(change);
      case SessionEnded ended -> {
        closeReason = ended.text();
        listener.sessionEnded(ended.why(), ended.text());
      }
      case Ping ping -> ctx.writeAndFlush(new Pong(ping.nonce()));
      case Pong pong -> {}
      case Hello h -> throw new ProtocolException("a registry does not send Hello");
      case RegistryMessage.Register m -> throw unexpected(m);
      case RegistryMessage.Login m -> throw unexpected(m);
      case RegistryMessage.Logout m -> throw unexpected(m);
      case RegistryMessage.ListOnline m -> throw unexpected(m);
      case RegistryMessage.Lookup m -> throw unexpected(m);
      case RegistryMessage.SetVisibility m -> throw unexpected(m);
      case RegistryMessage.CheckPeer m -> throw unexpected(m);
      case PeerMessage m -> throw unexpected(m);
      case SessionsPage page -> gather(page.requestId(), page.sessions(), page.last());
      case HistoryPage page -> gather(page.requestId(), page.entries(), page.last());
      case LogLine line -> {
        Consumer<String> follower = followers.get(line.requestId());
        if (follower != null) {
          follower.accept(line.line());
        }
      }
      case AdminMessage m -> throw unexpected(m);
      case FilesPage page -> gather(page.requestId(), page.files(), page.last());
      case FileIndexMessage m -> throw unexpected(m);
      case FileMessage m -> throw unexpected(m);
    }
  }

  /** Adds a page of a list answer; the answer is complete, as a list, with the last page. */
  private void gather(int requestId, List<?> items, boolean last) {
    Pending p = pending.get(requestId);
    if (p != null) {
      p.items.addAll(items);
      if (last) {
        complete(requestId, q -> q.future.complete(List.copyOf(q.items)));
      }
    }
  }

  private void complete(int requestId, java.util.function.Consumer<Pending> action) {
    Pending p = pending.remove(requestId);
    if (p != null) {
      action.accept(p);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A connection that never got past the version exchange was never handed out: its failure is
    // the exception that opening it throws, not a lost connection (telling it as one made each
    // failed attempt to log in again start another attempt).
    boolean wasOpen = welcome.isDone() && !welcome.isCompletedExceptionally();
    RegistryException closed = new RegistryException(closeReason, null);
    welcome.completeExceptionally(closed);
    pending.values().forEach(p -> p.future.completeExceptionally(closed));
    pending.clear();
    if (wasOpen) {
      listener.disconnected();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProtocolErrors.violation(cause)
        .ifPresentOrElse(
            violation -> {
              closeReason = "the registry broke the protocol: " + violation.getMessage();
              ProtocolErrors.refuseAndClose(ctx, violation);
            },
            () -> {
              closeReason = "connection to the registry failed: " + cause.getMessage();
              welcome.completeExceptionally(cause);
              ctx.close();
            });
  }

  private static ProtocolException unexpected(Message m) {
    return new ProtocolException("a registry does not send " + m.getClass().getSimpleName());
  }
}
