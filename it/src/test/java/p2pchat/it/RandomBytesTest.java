package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
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
        assertThat(tcpClosesAfter(bobListens, bytes(random, MIB)))
            .as("round %d: bob closed the TCP connection", round)
            .isTrue();
      }
      try (RawPeerConnection raw =
          RawPeerConnection.open(
              bobListens, bob.node().whoami().peerId(), Identity.generate("noise"))) {
        raw.send(new Hello(ProtocolVersion.CURRENT, "noise"));
        assertThat(raw.receive()).isInstanceOf(Welcome.class);
        sendQuietly(raw, bytes(random, MIB));
        assertThat(closesAfterRefusing(raw)).as("bob closed the TLS connection").isTrue();
      }
      // Alice's own key, properly introduced, then noise on the link that is up.
      Identity alicesKey = alice.node().profile().identity();
      try (RawPeerConnection raw =
          RawPeerConnection.open(bobListens, bob.node().whoami().peerId(), alicesKey)) {
        raw.send(new Hello(ProtocolVersion.CURRENT, "noise"));
        assertThat(raw.receive()).isInstanceOf(Welcome.class);
        raw.send(new Introduce("alice"));
        assertThat(raw.receive()).isEqualTo(new Introduced("bob"));
        sendQuietly(raw, bytes(random, MIB));
        assertThat(closesAfterRefusing(raw)).as("bob closed the introduced link").isTrue();
      }

      Cluster.openConversation(alice, bob);
      alice.node().send("bob", "still there?");
      bob.node().send("alice", "still here");
      bob.events().awaitReceived("alice", "still there?");
      alice.events().awaitReceived("bob", "still here");
    }
  }

  private static void sendQuietly(RawPeerConnection raw, byte[] noise) {
    try {
      raw.sendRaw(noise);
    } catch (IOException e) {
      // Bob refused the first frame and closed while the rest was still going out.
    }
  }

  /**
   * True if bob closes {@code raw}, after a PROTOCOL_ERROR failure unless that is lost to the reset
   * that writing into a closed connection causes.
   */
  private static boolean closesAfterRefusing(RawPeerConnection raw) throws IOException {
    try {
      assertThat(raw.receive())
          .isInstanceOfSatisfying(
              Failure.class,
              f -> {
                assertThat(f.requestId()).isZero();
                assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
              });
    } catch (EOFException | SSLException | SocketException e) {
      return true;
    }
    return raw.closedByPeer();
  }

  private static byte[] bytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  /**
   * Writes {@code garbage} to a plain TCP connection to {@code address}; true if the node then
   * closes it. A reset or broken pipe while writing is the node closing early.
   */
  private static boolean tcpClosesAfter(InetSocketAddress address, byte[] garbage)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) RawPeerConnection.TIMEOUT.toMillis());
      socket.setSoTimeout((int) RawPeerConnection.TIMEOUT.toMillis());
      try {
        OutputStream out = socket.getOutputStream();
        for (int from = 0; from < garbage.length; from += 64 * 1024) {
          out.write(garbage, from, Math.min(64 * 1024, garbage.length - from));
        }
        out.flush();
      } catch (SocketException e) {
        // closed by the node part way: what the test expects sooner or later
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
}
