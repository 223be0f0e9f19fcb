package p2pchat.protocol.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.Message;

/**
 * A handler of a connection that carries messages only: a DATA frame on it is released and treated
 * as a protocol error (through {@link #exceptionCaught}), with a sentence saying why it does not
 * belong there.
 */
public abstract class MessageHandler extends SimpleChannelInboundHandler<Message> {
  private final String dataFrameRefusal;

  /** {@code dataFrameRefusal}: the protocol error's sentence when a DATA frame arrives. */
  protected MessageHandler(String dataFrameRefusal) {
    this.dataFrameRefusal = dataFrameRefusal;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof DataFrame data) {
      data.release();
      exceptionCaught(ctx, new ProtocolException(dataFrameRefusal));
      return;
    }
    super.channelRead(ctx, msg);
  }
}
