package p2pchat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static p2pchat.protocol.testing.Frames.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.message.GroupMember;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.PeerMessage.GroupAnswer;
import p2pchat.protocol.message.PeerMessage.GroupMembers;
import p2pchat.protocol.message.PeerMessage.GroupRefused;
import p2pchat.protocol.message.PeerMessage.GroupText;
import p2pchat.protocol.message.PeerMessage.RunRefused;
import p2pchat.protocol.message.PeerMessage.RunRequest;
import p2pchat.protocol.message.PeerMessage.RunResult;
import p2pchat.protocol.testing.Frames;
import p2pchat.protocol.testing.PeerSamples;

/** The limits of the broadcast, group and remote command messages, at their exact boundaries. */
class PeerMessageCodecTest {
  private static final UUID GROUP = PeerSamples.GROUP;

  @Test
  void groupTextHasTheDocumentedWireForm() {
    ByteBuf frame =
        FrameEncoder.encode(new GroupText(GROUP, "bo", 1, 2, 3, "hi"), ByteBufAllocator.DEFAULT);

    assertThat(HexFormat.of().formatHex(Frames.drain(frame)))
        .isEqualTo(
            "00000033"
                + "01"
                + "0071"
                + "0123456789abcdef"
                + "fedcba9876543210"
                + "0002"
                + "626f"
                + "0000000000000001"
                + "0000000000000002"
                + "0000000000000003"
                + "0002"
                + "6869");
  }

  @Test
  void aGroupRefusalHasTheDocumentedWireForm() {
    ByteBuf frame =
        FrameEncoder.encode(new GroupRefused(GROUP, "too many"), ByteBufAllocator.DEFAULT);

    assertThat(HexFormat.of().formatHex(Frames.drain(frame)))
        .isEqualTo(
            "0000001d"
                + "01"
                + "0072"
                + "0123456789abcdef"
                + "fedcba9876543210"
                + "0008"
                + "746f6f206d616e79");
  }

  @Test
  void runOutputAtTheLimitIsAcceptedAndOneByteMoreIsNot() throws ProtocolException {
    String longest = "x".repeat(Limits.MAX_RUN_OUTPUT_BYTES);
    assertThat(roundTrip(new RunResult(1, 0, longest.length(), longest)))
        .isEqualTo(new RunResult(1, 0, longest.length(), longest));

    assertRefused(
        w -> w.u16(121).i32(1).i32(0).i64(0).u16(Limits.MAX_RUN_OUTPUT_BYTES + 1),
        "output is 61441 bytes, the maximum is 61440");
    assertThatThrownBy(() -> new RunResult(1, 0, 0, longest + "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("output is longer than 61440 bytes");
    assertRefused(
        w -> w.u16(121).i32(1).i32(0).i64(-1).string(""),
        "message type 121: outputBytes must not be negative");
  }

  @Test
  void certificateAndSignatureLongerThanTheirLimitsAreRefused() {
    assertRefused(
        w -> w.u16(107).string("a").i64(1).i64(2).string("t").u16(4097),
        "certificate is 4097 bytes, the maximum is 4096");
    assertRefused(
        w -> w.u16(107).string("a").i64(1).i64(2).string("t").bytes(new byte[1]).u16(257),
        "signature is 257 bytes, the maximum is 256");
  }

  @Test
  void memberListsLongerThanTheLimitOrNegativeAreRefused() {
    assertRefused(
        w -> uuid(w.u16(112)).string("team").i32(Limits.MAX_GROUP_MEMBERS + 1),
        "members count 1001 is outside 0..1000");
    assertRefused(
        w -> uuid(w.u16(110)).string("team").i32(-1), "members count -1 is outside 0..1000");
    assertThatThrownBy(
            () ->
                new GroupMembers(
                    GROUP,
                    "team",
                    java.util.Collections.nCopies(
                        Limits.MAX_GROUP_MEMBERS + 1, new GroupMember("a", 1, true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a group lists at most 1000 members");
  }

  @Test
  void aMemberListedTwiceOrWithANegativeVersionIsRefused() {
    assertRefused(
        w ->
            uuid(w.u16(112))
                .string("team")
                .i32(2)
                .string("bob")
                .i64(1)
                .bool(true)
                .string("BOB")
                .i64(2)
                .bool(false),
        "message type 112: BOB is listed twice");
    assertRefused(
        w -> uuid(w.u16(112)).string("team").i32(1).string("bob").i64(-1).bool(true),
        "message type 112: member version must not be negative");
  }

  @Test
  void runArgumentsAreLimitedInNumberAndLength() throws ProtocolException {
    assertRefused(
        w -> w.u16(120).i32(1).string("ls").i32(Limits.MAX_RUN_ARGUMENTS + 1),
        "arguments count 33 is outside 0..32");
    assertRefused(
        w -> w.u16(120).i32(1).string("ls").i32(1).u16(Limits.MAX_RUN_ARGUMENT_BYTES + 1),
        "argument is 1025 bytes, the maximum is 1024");
    String longest = "a".repeat(Limits.MAX_RUN_ARGUMENT_BYTES);
    assertThat(roundTrip(new RunRequest(1, "echo", List.of(longest))))
        .isEqualTo(new RunRequest(1, "echo", List.of(longest)));
  }

  @Test
  void anUnknownRefusalReasonOrABadBooleanIsRefused() {
    assertRefused(
        w -> w.u16(122).i32(1).u8(RunRefused.Reason.values().length).string(""),
        "reason 7 is not a known value");
    assertRefused(w -> uuid(w.u16(111)).u8(2), "accepted must be 0 or 1, got 2");
  }

  @Test
  void aTruncatedGroupIdIsRefused() {
    assertRefused(
        w -> w.u16(111).i64(1).i32(0), "truncated message: groupId needs 8 bytes, 4 left");
  }

  @Test
  void answersKeepTheirGroupId() throws ProtocolException {
    assertThat(roundTrip(new GroupAnswer(GROUP, true))).isEqualTo(new GroupAnswer(GROUP, true));
  }

  private static WireWriter uuid(WireWriter w) {
    return w.i64(GROUP.getMostSignificantBits()).i64(GROUP.getLeastSignificantBits());
  }

  private static Object roundTrip(Message message) throws ProtocolException {
    return decode(FrameEncoder.encode(message, ByteBufAllocator.DEFAULT));
  }

  private static Object decode(ByteBuf frame) throws ProtocolException {
    try {
      Object decoded = FrameDecoder.decodeFrame(frame);
      assertThat(frame.readableBytes()).as("bytes left after the frame").isZero();
      return decoded;
    } finally {
      frame.release();
    }
  }

  private static void assertRefused(Consumer<WireWriter> body, String message) {
    assertThatThrownBy(() -> decode(control(body)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(message);
  }
}
