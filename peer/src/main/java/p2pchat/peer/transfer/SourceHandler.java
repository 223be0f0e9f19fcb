package p2pchat.peer.transfer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.FileMessage.ManifestPage;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.message.FileMessage.TransferOpened;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.net.ProtocolErrors;
import p2pchat.protocol.net.VersionHandshake;

/**
 * The asking end's handler: once TLS (the source's PeerId pinned) and the version exchange (the
 * {@link VersionHandshake} in front of it) are done, opens the connection as a file transfer under
 * this user's name, then handles manifests, DATA frames and refusals.
 */
final class SourceHandler extends SimpleChannelInboundHandler<Message> {
  private enum Stage {
    OPEN,
    READY
  }

  private final String myName;
  private final Source source;
  private final SourceConnection.Receiver receiver;
  final CompletableFuture<SourceConnection> opened = new CompletableFuture<>();
  private final Map<Integer, Manifest.Builder> builders = new HashMap<>();
  private SourceConnection connection;
  private Stage stage = Stage.OPEN;
  private String closeReason;

  SourceHandler(String myName, Source source, SourceConnection.Receiver receiver) {
    this.myName = myName;
    this.source = source;
    this.receiver = receiver;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection = new SourceConnection(ctx.channel(), source);
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        opened.completeExceptionally(done.cause());
        ctx.close();
      }
    } else if (event instanceof VersionHandshake.Agreed) {
      ctx.writeAndFlush(new OpenTransfer(myName));
      return;
    } else if (event instanceof VersionHandshake.Refused refused) {
      closeReason = source.name() + " refused: " + refused.failure().text();
      opened.completeExceptionally(new TransferException(closeReason));
      ctx.close();
      return;
    } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (stage != Stage.READY || receiver.waitingFor(connection)) {
        closeReason = source.name() + " sent nothing for too long";
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof DataFrame data) {
      if (stage != Stage.READY) {
        data.release();
        exceptionCaught(ctx, new ProtocolException("DATA frame before the transfer was opened"));
        return;
      }
      receiver.data(connection, data);
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Message message) throws Exception {
    if (message instanceof Failure f && f.requestId() == 0) {
      closeReason = source.name() + " refused: " + f.text();
      opened.completeExceptionally(new TransferException(closeReason));
      ctx.close();
      return;
    }
    switch (stage) {
      case OPEN -> {
        if (!(message instanceof TransferOpened ok)) {
          throw new ProtocolException("expected TransferOpened, got " + name(message));
        }
        if (!ok.name().toLowerCase(Locale.ROOT).equals(source.name().toLowerCase(Locale.ROOT))) {
          closeReason = "dialed " + source.name() + " but reached " + ok.name();
          opened.completeExceptionally(new TransferException(closeReason));
          ctx.close();
          return;
        }
        stage = Stage.READY;
        opened.complete(connection);
      }
      case READY -> ready(ctx, message);
    }
  }

  private void ready(ChannelHandlerContext ctx, Message message) throws ProtocolException {
    switch (message) {
      case ManifestPage page -> {
        CompletableFuture<Manifest> future = connection.manifests.get(page.transferId());
        if (future == null) {
          throw new ProtocolException("manifest of transfer " + page.transferId() + " unasked");
        }
        Manifest manifest =
            builders.computeIfAbsent(page.transferId(), id -> new Manifest.Builder()).add(page);
        if (manifest != null) {
          builders.remove(page.transferId());
          connection.manifests.remove(page.transferId());
          future.complete(manifest);
        }
      }
      case Failure f -> {
        CompletableFuture<Manifest> future = connection.manifests.remove(f.requestId());
        builders.remove(f.requestId());
        if (future != null) {
          future.completeExceptionally(new TransferException(f.code(), f.text()));
        } else {
          receiver.failed(connection, f.requestId(), f.code(), f.text());
        }
      }
      case Ping ping -> ctx.writeAndFlush(new Pong(ping.nonce()));
      case Pong pong -> {}
      default -> throw new ProtocolException("a file source does not send " + name(message));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    String why = closeReason != null ? closeReason : source.name() + " closed the connection";
    TransferException closed = new TransferException(why);
    opened.completeExceptionally(closed);
    connection.manifests.values().forEach(f -> f.completeExceptionally(closed));
    connection.manifests.clear();
    if (stage == Stage.READY) {
      receiver.closed(connection, why);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    var violation = ProtocolErrors.violation(cause);
    if (violation.isPresent()) {
      closeReason = source.name() + " broke the protocol: " + violation.get().getMessage();
      opened.completeExceptionally(new TransferException(closeReason));
      ProtocolErrors.refuseAndClose(ctx, violation.get());
    } else {
      if (closeReason == null) {
        closeReason = "the connection to " + source.name() + " failed: " + cause.getMessage();
      }
      opened.completeExceptionally(cause);
      ctx.close();
    }
  }

  private static String name(Message message) {
    return message.getClass().getSimpleName();
  }
}
