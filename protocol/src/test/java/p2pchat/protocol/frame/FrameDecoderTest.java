package p2pchat.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.testing.Frames;
import p2pchat.protocol.testing.SampleMessages;

class FrameDecoderTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder());

  @AfterEach
  void finish() {
    assertThat(channel.finishAndReleaseAll()).as("frames left unread").isFalse();
  }

  @Test
  void aFrameOfExactlyTheMaximumLengthIsAccepted() {
    int payloadBytes = Limits.MAX_FRAME_LENGTH - 1 - DataFrame.HEADER_BYTES;
    ByteBuf in = Unpooled.buffer(4 + Limits.MAX_FRAME_LENGTH);
    in.writeInt(Limits.MAX_FRAME_LENGTH).writeByte(FrameKind.DATA).writeInt(42).writeLong(7);
    in.writeZero(payloadBytes);

    channel.writeInbound(in);

    DataFrame frame = channel.readInbound();
    try {
      assertThat(frame.transferId()).isEqualTo(42);
      assertThat(frame.offset()).isEqualTo(7);
      assertThat(frame.payload().readableBytes()).isEqualTo(payloadBytes);
    } finally {
      frame.release();
    }
    assertThat(in.refCnt()).as("references left on the input").isZero();
  }

  @Test
  void aControlFrameOfTheMaximumLengthWithAnUnknownTypeIsSkipped() {
    ByteBuf in = Unpooled.buffer();
    in.writeInt(Limits.MAX_FRAME_LENGTH).writeByte(FrameKind.CONTROL).writeShort(9999);
    in.writeZero(Limits.MAX_FRAME_LENGTH - 3);
    in.writeBytes(Frames.drain(FrameEncoder.encode(new Ping(1), in.alloc())));

    channel.writeInbound(in);

    assertThat(nextInbound()).isEqualTo(new Ping(1));
    assertThat(in.refCnt()).isZero();
  }

  @Test
  void aLengthOverTheMaximumIsRefusedAsSoonAsItsFourBytesArrive() {
    ByteBuf in = Unpooled.buffer(4).writeInt(Limits.MAX_FRAME_LENGTH + 1);

    assertRefused(in).hasMessage("frame length 1048577 exceeds the maximum of 1048576");
    assertThat(in.refCnt()).as("the decoder kept the bytes").isZero();
  }

  @Test
  void theLargestPositiveLengthIsRefused() {
    assertRefused(Unpooled.buffer(4).writeInt(Integer.MAX_VALUE))
        .hasMessage("frame length 2147483647 exceeds the maximum of 1048576");
  }

  @ParameterizedTest
  @CsvSource({"80000000, -2147483648", "ffffffff, -1", "fffffffe, -2"})
  void aNegativeLengthIsRefused(String hex, int length) {
    ByteBuf in = Unpooled.buffer(4).writeInt(Integer.parseUnsignedInt(hex, 16));

    assertRefused(in).hasMessage("negative frame length " + length);
  }

  @Test
  void aZeroLengthIsRefused() {
    assertRefused(Unpooled.buffer(4).writeInt(0))
        .hasMessage("empty frame: a frame holds at least its kind byte");
  }

  @Test
  void anIncompleteFrameWaitsForTheRest() {
    byte[] ping = Frames.drain(FrameEncoder.encode(new Ping(5), channel.alloc()));
    assertThat(ping).hasSize(4 + 11);

    assertThat(channel.writeInbound(Unpooled.wrappedBuffer(ping, 0, 9))).isFalse();
    channel.checkException();
    assertThat(nextInbound()).isNull();

    channel.writeInbound(Unpooled.wrappedBuffer(ping, 9, ping.length - 9));
    assertThat(nextInbound()).isEqualTo(new Ping(5));
  }

  @Test
  void framesArrivingOneByteAtATimeAreDecoded() {
    List<Message> sent =
        List.of(new Ping(1), new LookupResult(2, SampleMessages.peer("alice")), new Ping(3));
    ByteBuf wire = Unpooled.buffer();
    sent.forEach(m -> wire.writeBytes(Frames.drain(FrameEncoder.encode(m, channel.alloc()))));

    while (wire.isReadable()) {
      channel.writeInbound(wire.readRetainedSlice(1));
    }
    wire.release();

    assertThat(readAllInbound()).containsExactlyElementsOf(sent);
  }

  @Test
  void aCompleteFrameWithFieldsMissingIsRefused() {
    assertRefused(Frames.control(w -> w.u16(4).i32(1)))
        .hasMessage("truncated message: nonce needs 8 bytes, 4 left");
  }

  @Test
  void anUnknownFrameKindIsRefused() {
    assertRefused(Frames.frame(0x07, new byte[] {0, 4})).hasMessage("unknown frame kind 0x07");
  }

  @Test
  void afterARefusalEverythingIsDiscarded() {
    ByteBuf bad = Frames.frame(0xff, new byte[0]);
    bad.writeBytes(Frames.drain(FrameEncoder.encode(new Ping(1), channel.alloc())));
    assertRefused(bad).hasMessage("unknown frame kind 0xff");

    ByteBuf good = FrameEncoder.encode(new Ping(2), channel.alloc());
    assertThat(channel.writeInbound(good)).isFalse();
    channel.checkException();
    assertThat(nextInbound()).isNull();
    assertThat(good.refCnt()).isZero();
  }

  @Test
  void aDataFrameRoundTripsThroughTheEncoder() {
    byte[] bytes = "some file content".getBytes(StandardCharsets.UTF_8);
    ByteBuf payload = Unpooled.copiedBuffer(bytes);
    EmbeddedChannel encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);

    assertThat(encoder.writeOutbound(new DataFrame(-7, Long.MAX_VALUE, payload))).isTrue();
    ByteBuf wire = Unpooled.buffer();
    for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
      wire.writeBytes(part);
      part.release();
    }
    assertThat(encoder.finish()).isFalse();
    assertThat(payload.refCnt()).as("payload references after writing").isZero();

    channel.writeInbound(wire);

    DataFrame frame = channel.readInbound();
    try {
      assertThat(frame.transferId()).isEqualTo(-7);
      assertThat(frame.offset()).isEqualTo(Long.MAX_VALUE);
      assertThat(ByteBufUtil.getBytes(frame.payload())).isEqualTo(bytes);
    } finally {
      frame.release();
    }
    assertThat(wire.refCnt()).isZero();
  }

  @Test
  void messagesRoundTripThroughAChannelPipeline() {
    EmbeddedChannel encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);
    List<Message> sent = SampleMessages.all();

    sent.forEach(encoder::writeOutbound);
    for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
      channel.writeInbound(part);
    }

    assertThat(readAllInbound()).containsExactlyElementsOf(sent);
  }

  @Test
  void aDataFrameOfOnlyAHeaderHasAnEmptyPayload() {
    channel.writeInbound(Frames.frame(FrameKind.DATA, new byte[DataFrame.HEADER_BYTES]));

    DataFrame frame = channel.readInbound();
    assertThat(frame.payload().isReadable()).isFalse();
    frame.release();
  }

  @Test
  void aDataFrameTooShortForItsHeaderIsRefused() {
    assertRefused(Frames.frame(FrameKind.DATA, new byte[DataFrame.HEADER_BYTES - 1]))
        .hasMessage("truncated DATA frame: 11 bytes, the header alone is 12");
  }

  @Test
  void aDataFrameWithANegativeOffsetIsRefused() {
    byte[] header = Frames.body(w -> w.i32(1).i64(-1));

    assertRefused(Frames.frame(FrameKind.DATA, header))
        .hasMessage("DATA frame offset -1 is negative");
  }

  @Test
  void aDataFrameOverTheMaximumIsNotSentAndItsPayloadIsReleased() {
    ByteBuf payload = Unpooled.buffer().writeZero(Limits.MAX_FRAME_LENGTH - DataFrame.HEADER_BYTES);
    EmbeddedChannel encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);

    assertThatThrownBy(() -> encoder.writeOutbound(new DataFrame(1, 0, payload)))
        .isInstanceOf(EncoderException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame of 1048577 bytes exceeds the maximum of 1048576");
    assertThat(encoder.finish()).isFalse();
    assertThat(payload.refCnt()).as("payload references after the refusal").isZero();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ByteBuf in) {
    return assertThatThrownBy(() -> channel.writeInbound(in))
        .isInstanceOf(DecoderException.class)
        .cause()
        .isInstanceOf(ProtocolException.class);
  }

  private Object nextInbound() {
    return channel.readInbound();
  }

  private List<Object> readAllInbound() {
    List<Object> read = new ArrayList<>();
    for (Object o; (o = channel.readInbound()) != null; ) {
      read.add(o);
    }
    return read;
  }
}
