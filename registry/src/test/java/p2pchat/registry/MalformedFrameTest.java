package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameKind;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.PresenceChange;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.testing.Frames;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;

/**
 * Negative, truncated and garbage frames, and messages out of place, close that connection with a
 * PROTOCOL_ERROR failure saying exactly what was wrong, while the registry keeps serving everyone
 * else: a client logged in before the abuse still gets answers, and a new one can register and log
 * in after it.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class MalformedFrameTest {
  private static final Duration ANSWER = Duration.ofSeconds(5);

  @TempDir Path data;
  private RegistryFixture registry;
  private RegistryClient alice;

  @BeforeEach
  void startRegistryWithAliceOnline() throws Exception {
    registry = new RegistryFixture(data);
    alice = registry.online("alice", new PresenceRecorder());
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void aNegativeFrameLengthIsRefused() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      raw.sendRaw(new byte[] {(byte) 0x80, 0, 0, 0});
      assertRefused(raw, "negative frame length -2147483648");
    }
    assertStillServing();
  }

  @Test
  void aFrameLengthAboveTheMaximumIsRefusedBeforeItsBodyArrives() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      raw.sendRaw(Unpooled.buffer(4).writeInt(Limits.MAX_FRAME_LENGTH + 1));
      assertRefused(raw, "frame length 1048577 exceeds the maximum of 1048576");
    }
    assertStillServing();
  }

  @Test
  void anEmptyFrameIsRefused() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      raw.sendRaw(new byte[4]);
      assertRefused(raw, "empty frame: a frame holds at least its kind byte");
    }
    assertStillServing();
  }

  @Test
  void aCompleteFrameHoldingATruncatedLoginIsRefused() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      // A Login cut off after the name: the frame is complete, the message is not.
      raw.sendRaw(Frames.control(w -> w.u16(11).i32(1).string("alice")));
      assertRefused(raw, "truncated message: password length needs 2 bytes, 0 left");
    }
    assertStillServing();
  }

  @Test
  void anUnknownFrameKindIsRefused() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      raw.sendRaw(Frames.frame(0x7f, new byte[] {1, 2, 3}));
      assertRefused(raw, "unknown frame kind 0x7f");
    }
    assertStillServing();
  }

  @Test
  void randomGarbageAsTheFirstFrameIsRefused() throws Exception {
    byte[] garbage = new byte[64];
    new Random(20_261_121L).nextBytes(garbage);
    String expected = violationOf(garbage);
    assertThat(expected)
        .as("what the decoder makes of the garbage")
        .matches("negative frame length -\\d+|frame length \\d+ exceeds the maximum of 1048576");
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.sendRaw(garbage);
      assertRefused(raw, expected);
    }
    assertStillServing();
  }

  @Test
  void aFirstMessageOtherThanHelloIsRefused() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.send(new Ping(1), new Ping(2));
      assertRefused(raw, "expected Hello as the first message, got Ping");
    }
    assertStillServing();
  }

  @Test
  void aSecondHelloIsRefused() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      raw.send(new Hello(ProtocolVersion.CURRENT, "raw-test"), new Ping(2));
      assertRefused(raw, "Hello sent twice");
    }
    assertStillServing();
  }

  static Stream<Message> registryOnlyMessages() {
    PeerInfo peer =
        new PeerInfo(
            "mallory",
            "127.0.0.1",
            40000,
            Identity.generate("mallory").peerId(),
            Instant.ofEpochMilli(0));
    return Stream.of(
        new Welcome(ProtocolVersion.CURRENT, "raw-test"),
        new Failure(1, ErrorCode.INTERNAL_ERROR, "no"),
        new Done(1),
        new LoginOk(1, 7, "127.0.0.1", 40000, 40001, new byte[Limits.HELLO_KEY_BYTES], 1000),
        new OnlinePage(1, List.of(peer), true),
        new LookupResult(1, peer),
        new PresenceChange(PresenceChange.Change.JOINED, PresenceChange.Reason.LOGIN, peer),
        new SessionEnded(SessionEnded.Why.KICKED, "bye"));
  }

  @ParameterizedTest
  @MethodSource("registryOnlyMessages")
  void aMessageOnlyTheRegistrySendsIsRefused(Message message) throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      // The Ping behind it must not be answered: nothing is handled after a violation.
      raw.send(message, new Ping(2));
      assertRefused(raw, "a client does not send " + message.getClass().getSimpleName());
    }
    assertStillServing();
  }

  @Test
  void anUnknownMessageTypeInAWellFormedFrameIsSkipped() throws Exception {
    try (RawRegistryConnection raw = RawRegistryConnection.open(registry.server())) {
      raw.hello();
      // Types 26-49 are registry messages a later version may add.
      raw.sendRaw(Frames.control(w -> w.u16(49).i32(7).string("from a later version")));
      raw.send(new Ping(42));
      assertThat(raw.receive(ANSWER)).isEqualTo(new Pong(42));
      assertThat(raw.closedByPeer(Duration.ofMillis(200))).as("closed").isFalse();
    }
    assertStillServing();
  }

  @Test
  void anUnknownFrameKindOfAnotherConnectionDoesNotDisturbALoggedInOne() throws Exception {
    try (RawRegistryConnection bad = RawRegistryConnection.open(registry.server());
        RawRegistryConnection good = RawRegistryConnection.open(registry.server())) {
      good.helloRegisterLogin("carol", RegistryFixture.PASSWORD);
      bad.hello();
      bad.sendRaw(Frames.frame(FrameKind.DATA + 1, new byte[0]));
      assertRefused(bad, "unknown frame kind 0x03");
      good.send(new Ping(5));
      assertThat(good.receive(ANSWER, true)).isEqualTo(new Pong(5));
    }
  }

  /** The registry said exactly {@code text} as a PROTOCOL_ERROR and then closed. */
  private static void assertRefused(RawRegistryConnection raw, String text) throws IOException {
    assertThat(raw.receive(ANSWER, true)).isEqualTo(new Failure(0, ErrorCode.PROTOCOL_ERROR, text));
    assertThat(raw.closedByPeer(ANSWER)).as("closed after the failure").isTrue();
  }

  /** Alice, online from before, still gets answers, and a newcomer registers and logs in. */
  private void assertStillServing() throws Exception {
    RegistryClient bob = registry.online("bob", new PresenceRecorder());
    assertThat(alice.lookup("bob").port()).isEqualTo(40000);
    assertThat(bob.lookup("alice").name()).isEqualTo("alice");
    assertThat(registry.server().sessionCount()).isEqualTo(2);
  }

  private static String violationOf(byte[] bytes) {
    try {
      Object frame = FrameDecoder.decodeFrame(Unpooled.wrappedBuffer(bytes));
      throw new AssertionError("the bytes decode to " + frame);
    } catch (ProtocolException e) {
      return e.getMessage();
    }
  }
}
