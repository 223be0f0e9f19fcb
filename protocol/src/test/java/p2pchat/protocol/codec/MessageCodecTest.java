package p2pchat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static p2pchat.protocol.testing.Frames.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.Lookup;
import p2pchat.protocol.message.RegistryMessage.Register;
import p2pchat.protocol.testing.Frames;
import p2pchat.protocol.testing.SampleMessages;

class MessageCodecTest {
  static List<Message> samples() {
    return SampleMessages.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void roundTrip(Message message) throws ProtocolException {
    assertThat(decode(FrameEncoder.encode(message, ByteBufAllocator.DEFAULT))).isEqualTo(message);
  }

  @Test
  void everyMessageTypeHasARoundTripSample() {
    Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());
    Set<Class<?>> types = new LinkedHashSet<>();
    collectConcreteTypes(Message.class, types);

    assertThat(types).as("reflection found the message types").hasSizeGreaterThanOrEqualTo(17);
    assertThat(types.stream().filter(type -> !sampled.contains(type)).map(Class::getName))
        .as("message types without a round-trip sample in SampleMessages.all()")
        .isEmpty();
  }

  private static void collectConcreteTypes(Class<?> type, Set<Class<?>> out) {
    if (type.isSealed()) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        collectConcreteTypes(permitted, out);
      }
    } else {
      out.add(type);
    }
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyErrorCodeKeepsItsNumber(ErrorCode code) {
    assertThat(ErrorCode.of(code.code())).isSameAs(code);
  }

  @Test
  void anErrorCodeFromANewerPeerDecodesAsUnknown() throws ProtocolException {
    ByteBuf frame = control(w -> w.u16(3).i32(5).u16(999).string("what"));

    assertThat(decode(frame)).isEqualTo(new Failure(5, ErrorCode.UNKNOWN, "what"));
  }

  @Test
  void pingHasTheDocumentedWireForm() {
    ByteBuf frame = FrameEncoder.encode(new Ping(0x0102030405060708L), ByteBufAllocator.DEFAULT);

    assertThat(HexFormat.of().formatHex(Frames.drain(frame)))
        .isEqualTo("0000000b" + "01" + "0004" + "0102030405060708");
  }

  @Test
  void helloHasTheDocumentedWireForm() {
    ByteBuf frame = FrameEncoder.encode(new Hello(1, "p2p✓"), ByteBufAllocator.DEFAULT);

    assertThat(HexFormat.of().formatHex(Frames.drain(frame)))
        .isEqualTo("0000000f" + "01" + "0001" + "00000001" + "0006" + "703270e29c93");
  }

  @Test
  void anUnknownMessageTypeIsSkippedWithItsWholeFrame() throws ProtocolException {
    ByteBuf in = control(w -> w.u16(9999).i64(1).string("from the future"));
    in.writeBytes(Frames.drain(FrameEncoder.encode(new Ping(3), ByteBufAllocator.DEFAULT)));
    try {
      assertThat(FrameDecoder.decodeFrame(in)).isSameAs(FrameDecoder.SKIPPED);
      assertThat(FrameDecoder.decodeFrame(in)).isEqualTo(new Ping(3));
      assertThat(in.isReadable()).isFalse();
    } finally {
      in.release();
    }
  }

  @Test
  void anUnknownMessageTypeWithNoFieldsIsSkipped() throws ProtocolException {
    assertThat(decode(control(w -> w.u16(0)))).isSameAs(FrameDecoder.SKIPPED);
    assertThat(decode(control(w -> w.u16(0xffff)))).isSameAs(FrameDecoder.SKIPPED);
  }

  @Test
  void aBodyTooShortForTheTypeIsRefused() {
    assertRefused(w -> {}, "truncated message: message type needs 2 bytes, 0 left");
    assertRefused(w -> w.u8(0), "truncated message: message type needs 2 bytes, 1 left");
  }

  @Test
  void extraBytesAfterTheLastFieldAreRefused() {
    assertRefused(w -> w.u16(4).i64(7).u8(0), "1 unexpected bytes after the end of Ping");
    assertRefused(w -> w.u16(20).i32(1).i32(0), "4 unexpected bytes after the end of Done");
  }

  @Test
  void missingFieldsAreRefused() {
    assertRefused(w -> w.u16(4).i32(7), "truncated message: nonce needs 8 bytes, 4 left");
    assertRefused(
        w -> w.u16(25).u8(0).u16(10).u8('a'), "truncated message: text needs 10 bytes, 1 left");
    assertRefused(
        w -> w.u16(23).i32(1).string("alice").string("host").u16(1).u8(0),
        "truncated message: peer id needs 32 bytes, 1 left");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c328", // a lead byte followed by ASCII
        "c080", // overlong NUL
        "eda080", // a UTF-16 surrogate
        "f4908080", // beyond U+10FFFF
        "ff",
        "e282" // cut in the middle of a character
      })
  void invalidUtf8IsRefused(String hex) {
    byte[] utf8 = HexFormat.of().parseHex(hex);

    assertRefused(w -> raw(w.u16(25).u8(0).u16(utf8.length), utf8), "text is not valid UTF-8");
  }

  @Test
  void aBooleanByteOtherThanZeroOrOneIsRefused() {
    assertRefused(w -> w.u16(15).i32(1).u8(2), "visible must be 0 or 1, got 2");
    assertRefused(w -> w.u16(22).i32(1).u8(0xff).i32(0), "last must be 0 or 1, got 255");
  }

  @Test
  void anUnknownEnumOrdinalIsRefused() throws ProtocolException {
    byte[] peer =
        Frames.body(
            w ->
                w.string("a")
                    .string("h")
                    .u16(1)
                    .peerId(SampleMessages.peerId(1))
                    .i64(0)
                    .string(""));

    assertRefused(w -> raw(w.u16(24).u8(2).u8(0), peer), "change 2 is not a known value");
    assertRefused(w -> raw(w.u16(24).u8(0).u8(5), peer), "reason 5 is not a known value");
    assertThat(decodeBody(w -> raw(w.u16(24).u8(1).u8(4), peer)))
        .isInstanceOf(RegistryMessage.PresenceChange.class);
  }

  @Test
  void aStringLongerThanItsFieldMaximumIsRefusedBeforeItsBytesArrive() {
    // Only the length is sent: the maximum is checked before the bytes are looked at.
    assertRefused(w -> w.u16(14).i32(1).u16(256), "name is 256 bytes, the maximum is 255");
    assertRefused(
        w -> w.u16(10).i32(1).string("alice").u16(1025),
        "password is 1025 bytes, the maximum is 1024");
    assertRefused(
        w -> w.u16(25).u8(0).u16(Limits.MAX_TEXT_BYTES + 1),
        "text is 16385 bytes, the maximum is 16384");
    assertRefused(
        w -> w.u16(21).i32(1).i64(2).string("host").u16(1).u16(2).u16(33),
        "helloKey is 33 bytes, the maximum is 32");
  }

  @Test
  void fieldsTheMessageItselfRefusesAreAProtocolViolation() {
    assertRefused(
        w -> w.u16(21).i32(1).i64(2).string("host").u16(1).u16(2).bytes(new byte[31]).i32(60),
        "message type 21: helloKey must be 32 bytes");
  }

  @Test
  void aPageCountOutsideItsRangeIsRefused() {
    assertRefused(
        w -> w.u16(22).i32(1).bool(true).i32(1001), "peers count 1001 is outside 0..1000");
    assertRefused(w -> w.u16(22).i32(1).bool(true).i32(-1), "peers count -1 is outside 0..1000");
  }

  @Test
  void aStringLongerThanItsFieldCannotBeBuilt() {
    String name = "n".repeat(Limits.MAX_HOST_BYTES + 1);

    assertThatThrownBy(() -> new Lookup(1, name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name is longer than 255 bytes");
  }

  @Test
  void passwordsNeverAppearInToString() {
    String password = "hunter2-secret";

    assertThat(new Register(1, "alice", password).toString())
        .contains("alice")
        .doesNotContain(password);
    assertThat(new Login(1, "alice", password, 4000, true).toString())
        .contains("alice")
        .doesNotContain(password);
  }

  /** Decodes one whole frame, checking that nothing of it is left, and releases it. */
  private static Object decode(ByteBuf frame) throws ProtocolException {
    try {
      Object decoded = FrameDecoder.decodeFrame(frame);
      assertThat(frame.readableBytes()).as("bytes left after the frame").isZero();
      return decoded;
    } finally {
      frame.release();
    }
  }

  private static Object decodeBody(Consumer<WireWriter> body) throws ProtocolException {
    return decode(control(body));
  }

  private static void assertRefused(Consumer<WireWriter> body, String message) {
    assertThatThrownBy(() -> decodeBody(body))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(message);
  }

  /** Appends {@code bytes} as they are, without a length. */
  private static void raw(WireWriter w, byte[] bytes) {
    for (byte b : bytes) {
      w.u8(b);
    }
  }
}
