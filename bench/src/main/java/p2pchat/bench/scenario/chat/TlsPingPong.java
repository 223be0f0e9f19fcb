package p2pchat.bench.scenario.chat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.scenario.ChatLatency;
import p2pchat.bench.scenario.ChatLatency.Measured;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.net.Transports;
import p2pchat.protocol.tls.PeerIdPolicy;
import p2pchat.protocol.tls.TlsContexts;

/**
 * p2pchat's wire stack without the node: two Netty channels (each side on its own event-loop group,
 * as two nodes would be) with mutual TLS 1.3 pinned by PeerId, the frame decoder and encoder, and a
 * handler that answers on the event loop.
 */
public final class TlsPingPong {
  private TlsPingPong() {}

  public static Measured run(String text, int warmup, int roundTrips, int messages)
      throws Exception {
    Identity serverId = Identity.generate("bench-server");
    Identity clientId = Identity.generate("bench-client");
    SslContext serverTls = TlsContexts.server(serverId, PeerIdPolicy.pinned(clientId.peerId()));
    SslContext clientTls = TlsContexts.client(clientId, PeerIdPolicy.pinned(serverId.peerId()));
    EventLoopGroup serverGroup = Transports.group(2, "bench-tls-server");
    EventLoopGroup clientGroup = Transports.group(2, "bench-tls-client");
    try {
      Channel server =
          new ServerBootstrap()
              .group(serverGroup)
              .channel(Transports.serverChannel())
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      stack(ch.pipeline(), serverTls.newHandler(ch.alloc()), new Echo());
                    }
                  })
              .bind(new InetSocketAddress("127.0.0.1", 0))
              .sync()
              .channel();
      InetSocketAddress at = (InetSocketAddress) server.localAddress();
      Pinger pinger = new Pinger(text, warmup, roundTrips, messages);
      new Bootstrap()
          .group(clientGroup)
          .channel(Transports.socketChannel())
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  stack(
                      ch.pipeline(),
                      clientTls.newHandler(ch.alloc(), at.getHostString(), at.getPort()),
                      pinger);
                }
              })
          .connect(at)
          .sync();
      Measured m = ChatLatency.await(pinger.done, 300, "the TLS ping-pong");
      server.close();
      return m;
    } finally {
      clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void stack(
      ChannelPipeline p, io.netty.handler.ssl.SslHandler ssl, io.netty.channel.ChannelHandler h) {
    p.addLast("tls", ssl)
        .addLast("frames", new FrameDecoder())
        .addLast("encoder", FrameEncoder.INSTANCE)
        .addLast("bench", h);
  }

  /** Answers every chat text with itself; in the one-way phase counts them and acks the last. */
  private static final class Echo extends SimpleChannelInboundHandler<Message> {
    private long oneWayLeft = -1;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message m) {
      if (!(m instanceof ChatText t)) {
        return;
      }
      if (t.seq() < 0) { // the one-way phase: seq = -count
        if (oneWayLeft < 0) {
          oneWayLeft = -t.seq();
        }
        if (--oneWayLeft == 0) {
          ctx.writeAndFlush(t);
          oneWayLeft = -1;
        }
        return;
      }
      ctx.writeAndFlush(t);
    }
  }

  /** Sends, times the answer, sends again; then the one-way burst. */
  private static final class Pinger extends SimpleChannelInboundHandler<Message> {
    final CompletableFuture<Measured> done = new CompletableFuture<>();
    private final String text;
    private final int warmup;
    private final int total;
    private final int messages;
    private final Histogram h = new Histogram();
    private int sent;
    private long t0;
    private long burstStart;
    private long switches;
    private double perRoundTrip;

    Pinger(String text, int warmup, int roundTrips, int messages) {
      this.text = text;
      this.warmup = warmup;
      this.total = warmup + roundTrips;
      this.messages = messages;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof SslHandshakeCompletionEvent e) {
        if (e.isSuccess()) {
          send(ctx);
        } else {
          done.completeExceptionally(e.cause());
        }
      }
      ctx.fireUserEventTriggered(evt);
    }

    private void send(ChannelHandlerContext ctx) {
      if (sent == warmup) {
        switches = ContextSwitches.now();
      }
      t0 = System.nanoTime();
      ctx.writeAndFlush(new ChatText(++sent, System.currentTimeMillis(), text));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message m) {
      if (!(m instanceof ChatText t)) {
        return;
      }
      if (t.seq() < 0) {
        done.complete(
            new Measured(h, perRoundTrip, messages * 1e9 / (System.nanoTime() - burstStart)));
        return;
      }
      if (sent > warmup) {
        h.record(System.nanoTime() - t0);
      }
      if (sent < total) {
        send(ctx);
        return;
      }
      perRoundTrip = ContextSwitches.per(switches, total - warmup);
      burstStart = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        ctx.writeAndFlush(new ChatText(-messages, System.currentTimeMillis(), text));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
      ctx.close();
    }
  }
}
