package p2pchat.bench.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.message.RegistryMessage.LookupResult;

/** The benchmark methods do what they say, once each, without JMH. */
class FrameCodecBenchmarkTest {
  @Test
  void everyBenchmarkRunsOnce() throws Exception {
    FrameCodecBenchmark b = new FrameCodecBenchmark();
    FrameCodecBenchmark.Chat chat = new FrameCodecBenchmark.Chat();
    chat.textBytes = 64;
    chat.setUp();
    FrameCodecBenchmark.Lookup lookup = new FrameCodecBenchmark.Lookup();
    lookup.setUp();
    FrameCodecBenchmark.Data data = new FrameCodecBenchmark.Data();
    data.payloadBytes = 1024;
    data.setUp();
    try {
      assertThat(b.encodeChat(chat)).isEqualTo(chat.frame.readableBytes());
      assertThat(b.decodeChat(chat)).isEqualTo(chat.message);
      assertThat(b.decodeChat(chat)).isInstanceOf(ChatText.class); // repeatable
      assertThat(b.encodeLookupResult(lookup)).isEqualTo(lookup.lookupFrame.readableBytes());
      assertThat(b.decodeLookupResult(lookup)).isInstanceOf(LookupResult.class);
      assertThat(b.encodeData(data)).isEqualTo(4 + 1 + 12 + 1024);
      assertThat(b.decodeData(data)).isEqualTo(1024);
    } finally {
      chat.tearDown();
      lookup.tearDown();
      data.tearDown();
    }
  }
}
