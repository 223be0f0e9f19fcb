package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.it.Cluster.Member;
import p2pchat.peer.NodeEvent;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage.ChatRequest;
import p2pchat.protocol.message.PeerMessage.Introduce;
import p2pchat.protocol.message.PeerMessage.Introduced;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A dialer that sends its first chat message in the same write as its introduction: the listener
 * holds the message while it checks the dialer's identity, then handles it (or drops it, with the
 * connection, when the check fails).
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class PipelinedIntroductionTest {
  @TempDir Path dir;
  private Cluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static byte[] frames(Message... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Message m : messages) {
      ByteBuf frame = FrameEncoder.encode(m, ByteBufAllocator.DEFAULT);
      out.writeBytes(ByteBufUtil.getBytes(frame));
      frame.release();
    }
    return out.toByteArray();
  }

  @Test
  void aRequestSentWithTheIntroductionIsHandledOnceTheDialerIsVerified() throws Exception {
    Member alice = cluster.join("alice");
    Member bob = cluster.join("bob");
    Identity alicesKey = alice.node().profile().identity();
    try (RawTlsConnection raw =
        RawTlsConnection.open(
            bob.node().whoami().listen(), bob.node().whoami().peerId(), alicesKey)) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "pipelining client"));
      assertThat(raw.receive()).isInstanceOf(Welcome.class);
      raw.sendRaw(frames(new Introduce("alice"), new ChatRequest()));
      assertThat(raw.receive()).isEqualTo(new Introduced("bob"));
      bob.events().awaitEvent(new NodeEvent.ChatRequested("alice"));
    }
  }

  @Test
  void aRequestSentWithARefusedIntroductionIsNeverHandled() throws Exception {
    cluster.join("alice");
    Member bob = cluster.join("bob");
    try (RawTlsConnection raw =
        RawTlsConnection.open(
            bob.node().whoami().listen(),
            bob.node().whoami().peerId(),
            Identity.generate("mallory"))) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "pipelining impostor"));
      assertThat(raw.receive()).isInstanceOf(Welcome.class);
      raw.sendRaw(frames(new Introduce("alice"), new ChatRequest()));
      assertThat(raw.receive()).isInstanceOf(Failure.class);
    }
    bob.events().awaitWarning("claiming to be alice");
    Awaitility.await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> bob.events().all(NodeEvent.ChatRequested.class).isEmpty());
  }
}
