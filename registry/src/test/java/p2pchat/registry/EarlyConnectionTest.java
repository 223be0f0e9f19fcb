package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A client that connects the moment the registry's port opens is served like any other: the
 * registry accepts nothing before what its connections share is built. A client thread tries to
 * connect over and over while the registry starts, so that its connection is the first the port
 * takes; the registry is started several times to give an early connection many chances.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class EarlyConnectionTest {
  private static final int STARTS = 10;

  @TempDir Path data;

  @Test
  void aConnectionMadeAsTheRegistryStartsIsWelcomed() throws Exception {
    // The registry loads this identity, so that the client knows whom to expect before it starts.
    PeerId registryId = Identity.loadOrCreate(data).peerId();
    ExecutorService clients = Executors.newSingleThreadExecutor();
    try {
      for (int start = 0; start < STARTS; start++) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", freePort());
        Future<Welcome> early = clients.submit(() -> connectAsSoonAsListening(address, registryId));
        RegistryConfig config =
            RegistryConfig.builder(data).address("127.0.0.1", address.getPort()).build();
        try (RegistryServer registry = RegistryServer.start(config)) {
          assertThat(early.get(30, TimeUnit.SECONDS))
              .as("the answer to Hello on a connection made as registry %d started", start)
              .isInstanceOf(Welcome.class);
        } finally {
          early.cancel(true);
        }
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * Connects to {@code address} as soon as something listens there, completes TLS and the version
   * exchange, and returns the registry's Welcome.
   */
  private static Welcome connectAsSoonAsListening(InetSocketAddress address, PeerId registryId)
      throws Exception {
    Identity identity = Identity.generate("early");
    while (!Thread.currentThread().isInterrupted()) {
      RawRegistryConnection connection;
      try {
        connection = RawRegistryConnection.open(address, registryId, identity);
      } catch (ConnectException notListeningYet) {
        continue;
      }
      try (connection) {
        return connection.hello();
      }
    }
    throw new InterruptedException("the registry never listened on " + address);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
