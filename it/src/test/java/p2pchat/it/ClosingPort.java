package p2pchat.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "registry" port that accepts TCP connections and closes each at once, as a dead registry behind
 * a proxy does, counting them.
 */
final class ClosingPort implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  private ClosingPort(ServerSocket server) {
    this.server = server;
    this.acceptor = Thread.ofPlatform().name("closing-port").daemon().start(this::acceptAll);
  }

  /** Listens on 127.0.0.1:{@code port} (a port a registry just let go). */
  static ClosingPort open(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    return new ClosingPort(server);
  }

  /** How many connections it accepted (and closed) so far. */
  int accepted() {
    return accepted.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        accepted.incrementAndGet();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    acceptor.join();
  }
}
