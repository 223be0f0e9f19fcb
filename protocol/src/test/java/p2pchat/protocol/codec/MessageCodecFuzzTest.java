package p2pchat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.Message;

/**
 * Each message codec, fed arbitrary fields after a type of its range, only ever yields a message
 * that encodes back to itself, nothing (a type it does not know), or a {@link ProtocolException}.
 * The first input byte picks the type within the range, the rest are the fields. A normal test run
 * replays the inputs under {@code MessageCodecFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes one method per run ({@code -Dtest=MessageCodecFuzzTest#peerMessages}).
 */
class MessageCodecFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void connectionMessages(byte[] input) {
    decode(input, 0, 10);
  }

  @FuzzTest(maxDuration = "30s")
  void registryMessages(byte[] input) {
    decode(input, 10, 40);
  }

  @FuzzTest(maxDuration = "30s")
  void adminMessages(byte[] input) {
    decode(input, 50, 20);
  }

  @FuzzTest(maxDuration = "30s")
  void fileIndexMessages(byte[] input) {
    decode(input, 70, 30);
  }

  @FuzzTest(maxDuration = "30s")
  void peerMessages(byte[] input) {
    decode(input, 100, 100);
  }

  @FuzzTest(maxDuration = "30s")
  void fileMessages(byte[] input) {
    decode(input, 200, 50);
  }

  /** Decodes {@code input}'s fields as a message of type {@code first} + (its first byte % n). */
  private static void decode(byte[] input, int first, int n) {
    if (input.length == 0) {
      return;
    }
    int type = first + (input[0] & 0xff) % n;
    ByteBuf body = Unpooled.buffer(input.length + 1);
    body.writeShort(type).writeBytes(input, 1, input.length - 1);
    try {
      Optional<Message> message = MessageCodec.decode(body);
      message.ifPresent(m -> assertThat(roundTrip(m)).isEqualTo(m));
    } catch (ProtocolException expected) {
      // the only way decoding may fail
    } finally {
      body.release();
    }
  }

  private static Message roundTrip(Message message) {
    ByteBuf encoded = Unpooled.buffer();
    try {
      MessageCodec.encode(message, encoded);
      return MessageCodec.decode(encoded).orElseThrow();
    } catch (ProtocolException e) {
      throw new AssertionError("a decoded message does not decode once encoded again", e);
    } finally {
      encoded.release();
    }
  }
}
