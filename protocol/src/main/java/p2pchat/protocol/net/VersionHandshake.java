package p2pchat.protocol.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;

/**
 * The version exchange that opens every connection, for either side: the dialing side sends {@code
 * Hello} once TLS is up, the other answers {@code Welcome} if it speaks that version, else {@code
 * Failure(0, UNSUPPORTED_VERSION, ...)} naming both versions, and closes. The outcome goes down the
 * pipeline as a user event, {@link Agreed} or {@link Refused}; once agreed this handler removes
 * itself, so the connection's later messages never pass it. It sits after the frame codec and
 * before the connection's own handler; what is not a message (a DATA frame) it passes on, for that
 * handler to refuse in its own words.
 */
public final class VersionHandshake extends ChannelInboundHandlerAdapter {
  /** Both sides speak {@code version}; {@code software} is what the other side runs. */
  public record Agreed(int version, String software) {}

  /**
   * The exchange failed and the connection closes: {@code failure} is the refusal, received (on the
   * dialing side, {@code hello} empty) or sent (on the answering side, with the {@code hello} it
   * refuses).
   */
  public record Refused(Optional<Hello> hello, Failure failure) {}

  private final boolean dialing;
  private final String software;
  private final String speaker;
  private final String other;
  private final String advice;
  private boolean helloSent;
  private boolean done;

  private VersionHandshake(
      boolean dialing, String software, String speaker, String other, String advice) {
    this.dialing = dialing;
    this.software = software;
    this.speaker = speaker;
    this.other = other;
    this.advice = advice;
  }

  /** The dialing side, sending this build's software name. */
  public static VersionHandshake client() {
    return client(ProtocolVersion.SOFTWARE);
  }

  /** The dialing side, sending {@code software} in its Hello. */
  public static VersionHandshake client(String software) {
    return new VersionHandshake(true, software, null, null, null);
  }

  /**
   * The answering side. A refusal reads "this {@code speaker} speaks protocol version 1, the {@code
   * other} sent version 2" followed by {@code advice} (empty, or a clause such as "; update the
   * older side").
   */
  public static VersionHandshake server(String speaker, String other, String advice) {
    return new VersionHandshake(false, ProtocolVersion.SOFTWARE, speaker, other, advice);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    if (ctx.channel().isActive() && (ssl == null || ssl.handshakeFuture().isSuccess())) {
      sayHello(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (ctx.pipeline().get(SslHandler.class) == null) {
      sayHello(ctx); // no TLS (tests): the connection is up as soon as it is open
    }
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent tls && tls.isSuccess()) {
      sayHello(ctx);
    }
    ctx.fireUserEventTriggered(event);
  }

  private void sayHello(ChannelHandlerContext ctx) {
    if (dialing && !helloSent) {
      helloSent = true;
      ctx.writeAndFlush(new Hello(ProtocolVersion.CURRENT, software));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Message message)) {
      ctx.fireChannelRead(msg); // a DATA frame: the connection's handler refuses it
      return;
    }
    if (done) {
      ReferenceCountUtil.release(msg); // refused and closing: nothing more is read
      return;
    }
    if (dialing) {
      answered(ctx, message);
    } else {
      greeted(ctx, message);
    }
  }

  private void answered(ChannelHandlerContext ctx, Message message) {
    switch (message) {
      case Welcome welcome -> agree(ctx, welcome.version(), welcome.software());
      case Failure failure -> {
        done = true;
        ctx.fireUserEventTriggered(new Refused(Optional.empty(), failure));
        ctx.close();
      }
      default -> {
        done = true; // refused and closing: what came in the same read is not read
        ctx.fireExceptionCaught(new ProtocolException("expected Welcome, got " + name(message)));
      }
    }
  }

  private void greeted(ChannelHandlerContext ctx, Message message) {
    if (!(message instanceof Hello hello)) {
      done = true; // refused and closing: what came in the same read is not read
      ctx.fireExceptionCaught(
          new ProtocolException("expected Hello as the first message, got " + name(message)));
      return;
    }
    if (hello.version() != ProtocolVersion.CURRENT) {
      done = true;
      Failure refusal =
          new Failure(
              0,
              ErrorCode.UNSUPPORTED_VERSION,
              "this "
                  + speaker
                  + " speaks protocol version "
                  + ProtocolVersion.CURRENT
                  + ", the "
                  + other
                  + " sent version "
                  + hello.version()
                  + advice);
      ctx.fireUserEventTriggered(new Refused(Optional.of(hello), refusal));
      ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(new Welcome(ProtocolVersion.CURRENT, software));
    agree(ctx, hello.version(), hello.software());
  }

  private void agree(ChannelHandlerContext ctx, int version, String theirs) {
    done = true;
    // Removed before the event goes on: whatever the next handler writes or reads from now on
    // never passes here.
    ctx.pipeline().remove(this);
    ctx.fireUserEventTriggered(new Agreed(version, theirs));
  }

  private static String name(Message message) {
    return message.getClass().getSimpleName();
  }
}
