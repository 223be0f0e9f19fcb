package p2pchat.bench.scenario.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import p2pchat.bench.report.Histogram;
import p2pchat.bench.scenario.ChatLatency.Measured;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.message.PeerMessage.ChatText;

/**
 * The floor: the bytes of the same chat frame bounced over a plain loopback TCP socket between two
 * threads with blocking I/O, no TLS, no event loop, no codec.
 */
public final class TcpPingPong {
  private TcpPingPong() {}

  public static Measured run(String text, int warmup, int roundTrips, int messages)
      throws IOException, InterruptedException {
    ByteBuf frame =
        FrameEncoder.encode(
            new ChatText(1, System.currentTimeMillis(), text), UnpooledByteBufAllocator.DEFAULT);
    byte[] bytes = ByteBufUtil.getBytes(frame);
    frame.release();
    int n = bytes.length;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread echo =
          Thread.ofPlatform()
              .name("tcp-echo")
              .daemon()
              .start(() -> serve(server, n, warmup + roundTrips, messages));
      Histogram h = new Histogram();
      double perSecond;
      double perRoundTrip;
      try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
        s.setTcpNoDelay(true);
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] back = new byte[n];
        long switches = 0;
        for (int i = 0; i < warmup + roundTrips; i++) {
          if (i == warmup) {
            switches = ContextSwitches.now();
          }
          long t0 = System.nanoTime();
          out.write(bytes);
          in.readFully(back);
          if (i >= warmup) {
            h.record(System.nanoTime() - t0);
          }
        }
        perRoundTrip = ContextSwitches.per(switches, roundTrips);
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
          out.write(bytes); // one write per message, as a chat sends them
        }
        in.readFully(new byte[1]); // the receiver has them all
        perSecond = messages * 1e9 / (System.nanoTime() - t0);
      }
      echo.join(10_000);
      return new Measured(h, perRoundTrip, perSecond);
    }
  }

  private static void serve(ServerSocket server, int n, int roundTrips, int messages) {
    try (Socket s = server.accept()) {
      s.setTcpNoDelay(true);
      InputStream rawIn = s.getInputStream();
      DataInputStream in = new DataInputStream(rawIn);
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[n];
      for (int i = 0; i < roundTrips; i++) {
        in.readFully(buf);
        out.write(buf);
      }
      long left = (long) n * messages;
      byte[] big = new byte[64 * 1024];
      while (left > 0) {
        int got = rawIn.read(big, 0, (int) Math.min(big.length, left));
        if (got < 0) {
          return;
        }
        left -= got;
      }
      out.write(1);
    } catch (IOException e) {
      // The client side reports the failure.
    }
  }
}
