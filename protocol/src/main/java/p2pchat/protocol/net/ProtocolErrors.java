package p2pchat.protocol.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import java.util.Optional;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ErrorCode;

/** What both ends do when the other side breaks the protocol: say exactly why, then close. */
public final class ProtocolErrors {
  private ProtocolErrors() {}

  /** The protocol violation behind {@code cause}, if that is what it is. */
  public static Optional<ProtocolException> violation(Throwable cause) {
    Throwable t =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    return t instanceof ProtocolException p ? Optional.of(p) : Optional.empty();
  }

  /** Sends a PROTOCOL_ERROR failure with the violation's message and closes once it is out. */
  public static void refuseAndClose(ChannelHandlerContext ctx, ProtocolException violation) {
    ctx.writeAndFlush(new Failure(0, ErrorCode.PROTOCOL_ERROR, violation.getMessage()))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
