package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.registry.LoginResult;
import p2pchat.peer.registry.RegistryClient;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * 1 MiB of random bytes, three times, to the registry's TCP port (before TLS), to its UDP port, and
 * once inside TLS after the version handshake, leaves it running: the client online before still
 * is, and a new one registers, logs in and looks it up.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RandomBytesTest {
  private static final int MIB = 1 << 20;

  /** The largest UDP payload over IPv4. */
  private static final int MAX_DATAGRAM = 65_507;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path data;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomBytesOnEveryPortLeaveTheRegistryServing() throws Exception {
    try (RegistryFixture registry = new RegistryFixture(data)) {
      PresenceRecorder watcherHears = new PresenceRecorder();
      RegistryClient watcher = registry.connect(watcherHears);
      watcher.register("watcher", RegistryFixture.PASSWORD);
      long watcherSession =
          watcher.login("watcher", RegistryFixture.PASSWORD, 40000, true).sessionId();
      Random random = new Random(0x5eed_2026L);

      for (int round = 1; round <= 3; round++) {
        assertThat(tcpClosesAfter(registry.server().address(), bytes(random, MIB)))
            .as("round %d: the registry closed the TCP connection", round)
            .isTrue();
        sendUdp(registry.server().udpPort(), random, watcherSession);
      }
      try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
        raw.hello();
        try {
          raw.sendRaw(bytes(random, MIB));
        } catch (IOException e) {
          // The registry refused the first frame and closed while the rest was still going out.
        }
        assertThat(closesAfterRefusing(raw)).as("the registry closed the TLS connection").isTrue();
      }

      RegistryClient bob = registry.connect(new PresenceRecorder());
      bob.register("bob", RegistryFixture.PASSWORD);
      LoginResult login = bob.login("bob", RegistryFixture.PASSWORD, 40001, true);
      assertThat(login.online()).extracting(PeerInfo::name).containsExactly("watcher");
      assertThat(bob.lookup("watcher").port()).isEqualTo(40000);
      assertThat(watcher.lookup("bob").port()).isEqualTo(40001);
      assertThat(registry.server().sessionCount()).isEqualTo(2);
      await().until(() -> watcherHears.lines().contains("JOINED bob LOGIN"));
      assertThat(watcherHears.lines()).containsExactly("JOINED bob LOGIN");
      assertThat(watcher.isConnected()).isTrue();
    }
  }

  /**
   * True if the registry closes {@code raw}, after a PROTOCOL_ERROR failure if that is not lost to
   * the reset that writing into a closed connection causes.
   */
  private static boolean closesAfterRefusing(RawRegistryConnection raw) throws IOException {
    try {
      assertThat(raw.receive(CLOSE_TIMEOUT))
          .isInstanceOfSatisfying(
              Failure.class,
              f -> {
                assertThat(f.requestId()).isZero();
                assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
              });
    } catch (EOFException | SSLException | SocketException e) {
      return true;
    }
    return raw.closedByPeer(CLOSE_TIMEOUT);
  }

  private static byte[] bytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  /**
   * Writes {@code garbage} to a plain TCP connection to {@code address}; true if the registry then
   * closes it. A reset or broken pipe while writing is the registry closing early.
   */
  private static boolean tcpClosesAfter(InetSocketAddress address, byte[] garbage)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) CLOSE_TIMEOUT.toMillis());
      socket.setSoTimeout((int) CLOSE_TIMEOUT.toMillis());
      try {
        OutputStream out = socket.getOutputStream();
        for (int from = 0; from < garbage.length; from += 64 * 1024) {
          out.write(garbage, from, Math.min(64 * 1024, garbage.length - from));
        }
        out.flush();
      } catch (SocketException e) {
        // closed by the registry part way: what the test expects to happen sooner or later
      }
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[8192];
      try {
        while (in.read(sink) >= 0) {
          // whatever the TLS layer answers (an alert) is read and dropped
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true;
      }
    }
  }

  /**
   * About 2 MiB of random datagrams to the UDP port: 16 of the largest size, 1024 of 1 KiB, and 256
   * shaped like hellos (right size, magic and version) that name the live session {@code sessionId}
   * but carry a random counter and MAC.
   */
  private static void sendUdp(int port, Random random, long sessionId) throws IOException {
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < 16; i++) {
        byte[] datagram = bytes(random, MAX_DATAGRAM);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
      }
      for (int i = 0; i < 1024; i++) {
        byte[] datagram = bytes(random, 1024);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
      }
      for (int i = 0; i < 256; i++) {
        byte[] datagram = bytes(random, HelloDatagram.BYTES);
        ByteBuffer.wrap(datagram)
            .put("P2PH".getBytes(StandardCharsets.US_ASCII))
            .put((byte) 1)
            .putLong(sessionId);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
      }
    }
  }
}
