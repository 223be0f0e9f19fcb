package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.protocol.testing.Floods.closesAfterRefusing;
import static p2pchat.protocol.testing.Floods.randomBytes;
import static p2pchat.protocol.testing.Floods.sendQuietly;
import static p2pchat.protocol.testing.Floods.tcpClosesAfter;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;

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
        assertThat(tcpClosesAfter(registry.server().address(), randomBytes(random, MIB)))
            .as("round %d: the registry closed the TCP connection", round)
            .isTrue();
        sendUdp(registry.server().udpPort(), random, watcherSession);
      }
      try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
        raw.hello();
        sendQuietly(raw, randomBytes(random, MIB));
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
   * About 2 MiB of random datagrams to the UDP port: 16 of the largest size, 1024 of 1 KiB, and 256
   * shaped like hellos (right size, magic and version) that name the live session {@code sessionId}
   * but carry a random counter and MAC.
   */
  private static void sendUdp(int port, Random random, long sessionId) throws IOException {
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < 16; i++) {
        byte[] datagram = randomBytes(random, MAX_DATAGRAM);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
      }
      for (int i = 0; i < 1024; i++) {
        byte[] datagram = randomBytes(random, 1024);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
      }
      for (int i = 0; i < 256; i++) {
        byte[] datagram = randomBytes(random, HelloDatagram.BYTES);
        ByteBuffer.wrap(datagram)
            .put("P2PH".getBytes(StandardCharsets.US_ASCII))
            .put((byte) 1)
            .putLong(sessionId);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
      }
    }
  }
}
