package p2pchat.peer.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileMessage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.net.MessageHandler;
import p2pchat.protocol.net.ProtocolErrors;
import p2pchat.protocol.net.VersionHandshake;
import p2pchat.protocol.tls.TlsContexts;

/**
 * One direct connection, either direction, once TLS is up: after the version exchange (the {@link
 * VersionHandshake} in front of this handler), the dialer's introduction, checked by the listener
 * against the TLS PeerId. Only then is the link up and chat messages pass to the {@link
 * LinkListener}. An idle link closes.
 */
final class LinkHandler extends MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LinkHandler.class);

  private enum Stage {
    INTRODUCE,
    UP
  }

  private final boolean inbound;
  private final String myName;
  private final String expectedName;
  private final LinkListener listener;
  private final CompletableFuture<PeerLink> dialed;
  private Stage stage = Stage.INTRODUCE;
  private PeerId remoteId;
  private String remote = "?";
  private PeerLink link;

  /** Messages that arrived while the dialer's identity was being checked, in order; else null. */
  private java.util.ArrayDeque<Message> held;

  private LinkHandler(
      boolean inbound,
      String myName,
      String expectedName,
      LinkListener listener,
      CompletableFuture<PeerLink> dialed) {
    super("DATA frames are not used on chat links");
    this.inbound = inbound;
    this.myName = myName;
    this.expectedName = expectedName;
    this.listener = listener;
    this.dialed = dialed;
  }

  static LinkHandler inbound(String myName, LinkListener listener) {
    return new LinkHandler(true, myName, null, listener, new CompletableFuture<>());
  }

  static LinkHandler outbound(
      String myName,
      String expectedName,
      LinkListener listener,
      CompletableFuture<PeerLink> dialed) {
    return new LinkHandler(false, myName, expectedName, listener, dialed);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    remote = String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", "");
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        dialed.completeExceptionally(done.cause());
        LOG.debug("TLS with {} failed: {}", remote, done.cause().toString());
        ctx.close();
        return;
      }
      remoteId = TlsContexts.remotePeerId(ctx.pipeline().get(SslHandler.class)).orElse(null);
    } else if (event instanceof VersionHandshake.Agreed) {
      if (!inbound) {
        ctx.writeAndFlush(new Introduce(myName));
      }
      return;
    } else if (event instanceof VersionHandshake.Refused refused) {
      if (!inbound) {
        fail(ctx, LinkException.Reason.REFUSED, refused.failure().text());
      }
      return;
    } else if (event instanceof IdleStateEvent) {
      LOG.debug("{} idle: closing", link != null ? link : remote);
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    if (held != null) {
      held.add(message); // decoded in the same read as Introduce: handled once the check is done
      return;
    }
    switch (stage) {
      case INTRODUCE -> introduce(ctx, message);
      case UP -> up(ctx, message);
    }
  }

  private void introduce(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    if (!inbound) {
      if (message instanceof Failure f) {
        fail(
            ctx,
            LinkException.Reason.REFUSED,
            expectedName + " refused the connection: " + f.text());
        return;
      }
      if (!(message instanceof Introduced introduced)) {
        throw new ProtocolException("expected Introduced, got " + name(message));
      }
      if (!key(introduced.name()).equals(key(expectedName))) {
        fail(
            ctx,
            LinkException.Reason.WRONG_USER,
            "dialed " + expectedName + " at " + remote + " but reached " + introduced.name());
        return;
      }
      becomeUp(ctx, introduced.name());
      dialed.complete(link);
      return;
    }
    if (message instanceof FileMessage.OpenTransfer) {
      // A file transfer, not a chat link: the node's file server takes the connection over
      // (it checks the dialer itself), so that one listening port serves both.
      ChannelHandler files =
          listener
              .fileConnection()
              .orElseThrow(() -> new ProtocolException("this peer does not serve files"));
      ctx.pipeline().addAfter(ctx.name(), "files", files);
      ctx.fireChannelRead(message);
      ctx.pipeline().remove(this);
      return;
    }
    if (!(message instanceof Introduce introduce)) {
      throw new ProtocolException("expected Introduce, got " + name(message));
    }
    ctx.channel().config().setAutoRead(false);
    held = new java.util.ArrayDeque<>();
    listener
        .verify(introduce.name(), remoteId, remote)
        .whenComplete(
            (ok, error) ->
                ctx.executor()
                    .execute(
                        () -> {
                          java.util.ArrayDeque<Message> pending = held;
                          held = null;
                          if (error != null) {
                            Throwable cause =
                                error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error;
                            ctx.writeAndFlush(
                                    new Failure(0, ErrorCode.IDENTITY_MISMATCH, cause.getMessage()))
                                .addListener(ChannelFutureListener.CLOSE);
                            listener.refused(cause.getMessage());
                            return;
                          }
                          ctx.writeAndFlush(new Introduced(myName));
                          becomeUp(ctx, introduce.name());
                          try {
                            for (Message m : pending) {
                              up(ctx, m);
                            }
                          } catch (ProtocolException e) {
                            exceptionCaught(ctx, e);
                            return;
                          }
                          ctx.channel().config().setAutoRead(true);
                        }));
  }

  private void becomeUp(ChannelHandlerContext ctx, String peerName) {
    link = new NettyLink(ctx.channel(), peerName, remoteId, inbound);
    stage = Stage.UP;
    listener.linkUp(link);
  }

  private void up(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    switch (message) {
      case Ping ping -> ctx.writeAndFlush(new Pong(ping.nonce()));
      case Pong pong -> {}
      case Failure f -> LOG.debug("{} reported: {}", link, f);
      case Introduce m -> throw new ProtocolException("Introduce sent twice");
      case Introduced m -> throw new ProtocolException("Introduced sent twice");
      case PeerMessage m -> listener.received(link, m);
      default -> throw new ProtocolException("a peer does not send " + name(message));
    }
  }

  private void fail(ChannelHandlerContext ctx, LinkException.Reason reason, String text) {
    dialed.completeExceptionally(new LinkException(reason, text));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    dialed.completeExceptionally(
        new LinkException(
            LinkException.Reason.REFUSED,
            expectedName + " at " + remote + " closed the connection"));
    if (link != null) {
      listener.linkDown(link);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    var violation = ProtocolErrors.violation(cause);
    if (violation.isPresent()) {
      LOG.info("protocol error from {} ({}): {}", remote, link, violation.get().getMessage());
      dialed.completeExceptionally(violation.get());
      ProtocolErrors.refuseAndClose(ctx, violation.get());
    } else {
      LOG.debug("connection with {} failed: {}", remote, cause.toString());
      dialed.completeExceptionally(cause);
      ctx.close();
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String name(Message message) {
    return message.getClass().getSimpleName();
  }
}
