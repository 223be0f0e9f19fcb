package p2pchat.bench.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerInfo;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.message.RegistryMessage.LookupResult;

/**
 * The frame codec on one thread: encoding and decoding a chat message, a registry lookup answer,
 * and a DATA frame. Encodes allocate from Netty's pooled allocator, as the pipeline does; decodes
 * read one complete frame from a buffer, as {@link FrameDecoder} does for each frame it finds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class FrameCodecBenchmark {
  private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

  /** A chat text of {@code textBytes} bytes, and the same encoded as a frame. */
  @State(Scope.Thread)
  public static class Chat {
    @Param({"64", "1024"})
    public int textBytes;

    ChatText message;
    ByteBuf frame;

    @Setup
    public void setUp() {
      message = new ChatText(42, System.currentTimeMillis(), "x".repeat(textBytes));
      frame = FrameEncoder.encode(message, UnpooledByteBufAllocator.DEFAULT);
    }

    @TearDown
    public void tearDown() {
      frame.release();
    }
  }

  /** A lookup answer, and the same encoded as a frame. */
  @State(Scope.Thread)
  public static class Lookup {
    LookupResult lookup;
    ByteBuf lookupFrame;

    @Setup
    public void setUp() {
      byte[] id = new byte[PeerId.BYTES];
      ThreadLocalRandom.current().nextBytes(id);
      lookup =
          new LookupResult(
              7, new PeerInfo("u000123", "127.0.0.2", 40000, PeerId.ofDigest(id), Instant.now()));
      lookupFrame = FrameEncoder.encode(lookup, UnpooledByteBufAllocator.DEFAULT);
    }

    @TearDown
    public void tearDown() {
      lookupFrame.release();
    }
  }

  /** A DATA frame of {@code payloadBytes} bytes of file data. */
  @State(Scope.Thread)
  public static class Data {
    @Param({"65536"})
    public int payloadBytes;

    ByteBuf payload;
    ByteBuf frame;
    EmbeddedChannel encoder;

    @Setup(Level.Trial)
    public void setUp() {
      byte[] bytes = new byte[payloadBytes];
      ThreadLocalRandom.current().nextBytes(bytes);
      payload = ALLOC.directBuffer(payloadBytes).writeBytes(bytes);
      encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);
      encoder.writeOutbound(new DataFrame(1, 0, payload.retainedSlice()));
      ByteBuf header = encoder.readOutbound();
      ByteBuf body = encoder.readOutbound();
      frame = ALLOC.directBuffer().writeBytes(header).writeBytes(body);
      header.release();
      body.release();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      payload.release();
      frame.release();
      encoder.finishAndReleaseAll();
    }
  }

  /** Encodes a chat text into a new pooled buffer (length prefix, kind, body). */
  @Benchmark
  public int encodeChat(Chat s) {
    ByteBuf b = FrameEncoder.encode(s.message, ALLOC);
    int n = b.readableBytes();
    b.release();
    return n;
  }

  /** Decodes a chat text frame. */
  @Benchmark
  public Object decodeChat(Chat s) throws ProtocolException {
    s.frame.readerIndex(0);
    return FrameDecoder.decodeFrame(s.frame);
  }

  /** Encodes a lookup answer (the registry's hottest reply). */
  @Benchmark
  public int encodeLookupResult(Lookup s) {
    ByteBuf b = FrameEncoder.encode(s.lookup, ALLOC);
    int n = b.readableBytes();
    b.release();
    return n;
  }

  /** Decodes a lookup answer. */
  @Benchmark
  public Object decodeLookupResult(Lookup s) throws ProtocolException {
    s.lookupFrame.readerIndex(0);
    return FrameDecoder.decodeFrame(s.lookupFrame);
  }

  /**
   * Encodes a DATA frame through the encoder in a pipeline: a header is written, the payload is
   * passed on without a copy.
   */
  @Benchmark
  public int encodeData(Data s) {
    s.encoder.writeOutbound(new DataFrame(1, 0, s.payload.retainedSlice()));
    ByteBuf header = s.encoder.readOutbound();
    ByteBuf body = s.encoder.readOutbound();
    int n = header.readableBytes() + body.readableBytes();
    header.release();
    body.release();
    return n;
  }

  /** Decodes a DATA frame: a header parsed, the payload a retained slice (no copy). */
  @Benchmark
  public long decodeData(Data s) throws ProtocolException {
    s.frame.readerIndex(0);
    DataFrame d = (DataFrame) FrameDecoder.decodeFrame(s.frame);
    long offset = d.offset() + d.payload().readableBytes();
    d.release();
    return offset;
  }
}
