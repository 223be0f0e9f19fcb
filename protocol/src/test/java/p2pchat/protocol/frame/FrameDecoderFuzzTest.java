package p2pchat.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.Message;

/**
 * Decoding arbitrary bytes only ever yields frames or a {@link ProtocolException}. A normal test
 * run replays the inputs under {@code FrameDecoderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class FrameDecoderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void decodingArbitraryBytesOnlyThrowsProtocolException(byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    try {
      while (true) {
        int before = in.readerIndex();
        Object frame = FrameDecoder.decodeFrame(in);
        if (frame == null) {
          assertThat(in.readerIndex())
              .as("bytes consumed by an incomplete frame")
              .isEqualTo(before);
          return;
        }
        assertThat(in.readerIndex()).as("bytes consumed by a frame").isGreaterThan(before);
        switch (frame) {
          case Message message -> assertThat(roundTrip(message)).isEqualTo(message);
          case DataFrame data -> data.release();
          default -> assertThat(frame).isSameAs(FrameDecoder.SKIPPED);
        }
      }
    } catch (ProtocolException expected) {
      // the only way decoding may fail
    } finally {
      in.release();
    }
  }

  private static Object roundTrip(Message message) {
    ByteBuf encoded = FrameEncoder.encode(message, ByteBufAllocator.DEFAULT);
    try {
      return FrameDecoder.decodeFrame(encoded);
    } catch (ProtocolException e) {
      throw new AssertionError("a decoded message does not decode once encoded again", e);
    } finally {
      encoded.release();
    }
  }
}
