package p2pchat.bench.scenario.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.scenario.ChatLatency.Measured;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.message.PeerMessage.ChatText;

/**
 * The floor: the bytes of the same chat frame bounced over a plain loopback TCP socket between two
 * threads, no TLS, no event loop, no codec. Either both threads block in {@code read} (each round
 * trip then includes waking two sleeping threads, which on an idle virtual machine costs more than
 * the network path) or both spin on non-blocking reads (the kernel's loopback path alone, no
 * wake-ups: the lowest a round trip can be on this machine).
 */
public final class TcpPingPong {
  private TcpPingPong() {}

  /** Runs the ping-pong; {@code spin}: busy-poll non-blocking sockets instead of blocking. */
  public static Measured run(String text, int warmup, int roundTrips, int messages, boolean spin)
      throws IOException, InterruptedException {
    ByteBuf frame =
        FrameEncoder.encode(
            new ChatText(1, System.currentTimeMillis(), text), UnpooledByteBufAllocator.DEFAULT);
    byte[] bytes = ByteBufUtil.getBytes(frame);
    frame.release();
    int n = bytes.length;
    try (ServerSocketChannel server =
        ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Thread echo =
          Thread.ofPlatform()
              .name("tcp-echo")
              .daemon()
              .start(() -> serve(server, n, warmup + roundTrips, messages, spin));
      Histogram h = new Histogram();
      double perSecond;
      double perRoundTrip;
      try (SocketChannel s = open(SocketChannel.open(server.getLocalAddress()), spin)) {
        ByteBuffer out = ByteBuffer.allocateDirect(n);
        ByteBuffer back = ByteBuffer.allocateDirect(n);
        long switches = 0;
        for (int i = 0; i < warmup + roundTrips; i++) {
          if (i == warmup) {
            switches = ContextSwitches.now();
          }
          long t0 = System.nanoTime();
          write(s, out.clear().put(bytes).flip());
          readFully(s, back.clear());
          if (i >= warmup) {
            h.record(System.nanoTime() - t0);
          }
        }
        perRoundTrip = ContextSwitches.per(switches, roundTrips);
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
          write(s, out.clear().put(bytes).flip()); // one write per message, as a chat sends them
        }
        readFully(s, ByteBuffer.allocate(1)); // the receiver has them all
        perSecond = messages * 1e9 / (System.nanoTime() - t0);
      }
      echo.join(10_000);
      return new Measured(h, perRoundTrip, perSecond);
    }
  }

  private static SocketChannel open(SocketChannel s, boolean spin) throws IOException {
    s.setOption(StandardSocketOptions.TCP_NODELAY, true);
    s.configureBlocking(!spin);
    return s;
  }

  private static void write(SocketChannel s, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (s.write(buf) == 0) {
        Thread.onSpinWait();
      }
    }
  }

  private static void readFully(SocketChannel s, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      int got = s.read(buf);
      if (got < 0) {
        throw new IOException("the echo side closed the connection");
      }
      if (got == 0) {
        Thread.onSpinWait();
      }
    }
  }

  private static void serve(
      ServerSocketChannel server, int n, int roundTrips, int messages, boolean spin) {
    try (SocketChannel s = open(server.accept(), spin)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(n);
      for (int i = 0; i < roundTrips; i++) {
        readFully(s, buf.clear());
        write(s, buf.flip());
      }
      long left = (long) n * messages;
      ByteBuffer big = ByteBuffer.allocateDirect(64 * 1024);
      while (left > 0) {
        big.clear().limit((int) Math.min(big.capacity(), left));
        int got = s.read(big);
        if (got < 0) {
          return;
        }
        if (got == 0) {
          Thread.onSpinWait();
        }
        left -= got;
      }
      write(s, ByteBuffer.wrap(new byte[] {1}));
    } catch (IOException e) {
      // The client side reports the failure.
    }
  }
}
