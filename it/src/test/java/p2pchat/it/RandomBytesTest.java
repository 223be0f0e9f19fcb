package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.protocol.testing.Floods.closesAfterRefusing;
import static p2pchat.protocol.testing.Floods.randomBytes;
import static p2pchat.protocol.testing.Floods.sendQuietly;
import static p2pchat.protocol.testing.Floods.tcpClosesAfter;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * 1 MiB of random bytes to a node's listen port, three times before TLS and then inside TLS (after
 * the version exchange, and after a genuine introduction), leaves the node running: it still chats.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RandomBytesTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomBytesLeaveTheNodeChatting() throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      Member alice = cluster.join("alice");
      Member bob = cluster.join("bob");
      InetSocketAddress bobListens = bob.node().whoami().listen();
      Random random = new Random(0x5eed_2026L);

      for (int round = 1; round <= 3; round++) {
        assertThat(tcpClosesAfter(bobListens, randomBytes(random, MIB)))
            .as("round %d: bob closed the TCP connection", round)
            .isTrue();
      }
      try (RawTlsConnection raw =
          RawTlsConnection.open(
              bobListens, bob.node().whoami().peerId(), Identity.generate("noise"))) {
        raw.send(new Hello(ProtocolVersion.CURRENT, "noise"));
        assertThat(raw.receive()).isInstanceOf(Welcome.class);
        sendQuietly(raw, randomBytes(random, MIB));
        assertThat(closesAfterRefusing(raw)).as("bob closed the TLS connection").isTrue();
      }
      // Alice's own key, properly introduced, then noise on the link that is up.
      Identity alicesKey = alice.node().profile().identity();
      try (RawTlsConnection raw =
          RawTlsConnection.open(bobListens, bob.node().whoami().peerId(), alicesKey)) {
        raw.send(new Hello(ProtocolVersion.CURRENT, "noise"));
        assertThat(raw.receive()).isInstanceOf(Welcome.class);
        raw.send(new Introduce("alice"));
        assertThat(raw.receive()).isEqualTo(new Introduced("bob"));
        sendQuietly(raw, randomBytes(random, MIB));
        assertThat(closesAfterRefusing(raw)).as("bob closed the introduced link").isTrue();
      }

      Cluster.openConversation(alice, bob);
      alice.node().send("bob", "still there?");
      bob.node().send("alice", "still here");
      bob.events().awaitReceived("alice", "still there?");
      alice.events().awaitReceived("bob", "still here");
    }
  }
}
