package p2pchat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static p2pchat.protocol.testing.Frames.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.frame.FrameDecoder;
import p2pchat.protocol.frame.FrameEncoder;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.FileIndexMessage.FilesPage;
import p2pchat.protocol.message.FileIndexMessage.PublishFiles;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.ManifestPage;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.testing.FileSamples;
import p2pchat.protocol.testing.Frames;

/** The file-index and file-transfer messages at their limits, and one past them. */
class FileCodecTest {
  @Test
  void theFullestPagesFitInAFrame() {
    List<Message> fullest =
        List.of(
            new PublishFiles(1, true, true, FileSamples.fullPublication()),
            FileSamples.fullestManifestPage());
    for (Message m : fullest) {
      ByteBuf frame = FrameEncoder.encode(m, ByteBufAllocator.DEFAULT);
      try {
        assertThat(frame.readableBytes() - 4)
            .as("frame length of the fullest %s", m.getClass().getSimpleName())
            .isLessThanOrEqualTo(Limits.MAX_FRAME_LENGTH);
      } finally {
        frame.release();
      }
    }
  }

  @Test
  void onePublishedFileMoreThanAPageHoldsIsRefused() {
    assertRefused(
        w -> w.u16(70).i32(1).bool(true).bool(true).i32(Limits.MAX_FILES_PER_PAGE + 1),
        "files count 501 is outside 0..500");
    assertRefused(
        w -> w.u16(80).i32(1).bool(true).i32(Limits.MAX_FILES_PER_PAGE + 1),
        "files count 501 is outside 0..500");
  }

  @Test
  void aPathOneByteTooLongIsRefusedBeforeItsBytesArrive() {
    assertRefused(
        w -> w.u16(70).i32(1).bool(true).bool(true).i32(1).u16(Limits.MAX_PATH_BYTES + 1),
        "file path is 1025 bytes, the maximum is 1024");
    assertRefused(
        w -> w.u16(202).i32(1).u16(Limits.MAX_PATH_BYTES + 1),
        "path is 1025 bytes, the maximum is 1024");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/etc/passwd",
        "../secret",
        "a/../../b",
        "a//b",
        "./a",
        "a/",
        "a\\..\\b",
        "C:/Windows",
        "a\u0000b"
      })
  void aPublishedPathThatCouldLeaveItsFolderIsRefused(String path) {
    assertThatThrownBy(
            () ->
                decode(
                    control(
                        w ->
                            w.u16(70)
                                .i32(1)
                                .bool(true)
                                .bool(true)
                                .i32(1)
                                .string(path)
                                .i64(1)
                                .fileHash(FileSamples.hash(1)))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("message type 70: path: the path");
  }

  @Test
  void aManifestRequestCarriesAnyPathSoThatTheServerCanRefuseAndLogIt() throws Exception {
    GetManifest escape = new GetManifest(1, "../../etc/passwd", Optional.empty());

    assertThat(decode(FrameEncoder.encode(escape, ByteBufAllocator.DEFAULT))).isEqualTo(escape);
  }

  @Test
  void aManifestPageWithOneHashTooManyIsRefused() {
    assertRefused(
        w ->
            w.u16(203)
                .i32(1)
                .string("f")
                .i64(1L << 40)
                .i32(1 << 20)
                .fileHash(FileSamples.hash(1))
                .i32(0)
                .bool(false)
                .i32(Limits.MAX_HASHES_PER_PAGE + 1),
        "chunk hashes count 16385 is outside 0..16384");
  }

  @Test
  void aManifestMustDescribeAFileWithinTheChunkLimits() {
    assertThatThrownBy(() -> manifest(1000, (1 << 20) + 1, 0, 1, true))
        .hasMessageContaining("is not a power of two");
    assertThatThrownBy(() -> manifest(1000, Limits.MIN_CHUNK_SIZE / 2, 0, 1, true))
        .hasMessageContaining("is not a power of two");
    assertThatThrownBy(
            () ->
                manifest(
                    (long) Limits.MAX_CHUNKS * Limits.MAX_CHUNK_SIZE + 1,
                    Limits.MAX_CHUNK_SIZE,
                    0,
                    0,
                    false))
        .hasMessageContaining("has more than 1048576 chunks");
    assertThat(
            manifest(
                (long) Limits.MAX_CHUNKS * Limits.MAX_CHUNK_SIZE,
                Limits.MAX_CHUNK_SIZE,
                0,
                0,
                false))
        .isNotNull();
  }

  @Test
  void aManifestPageMustStayInsideTheFileAndTheLastMustEndIt() {
    // 3 chunks of 64 KiB hold 150,000 bytes.
    int chunk = Limits.MIN_CHUNK_SIZE;
    assertThat(manifest(150_000, chunk, 0, 3, true).chunkCount()).isEqualTo(3);
    assertThatThrownBy(() -> manifest(150_000, chunk, 1, 3, false))
        .hasMessage("chunks 1..3 are outside a file of 3 chunks");
    assertThatThrownBy(() -> manifest(150_000, chunk, 0, 2, true))
        .hasMessage("the last manifest page ends at chunk 2 of 3");
    assertThatThrownBy(() -> manifest(150_000, chunk, -1, 1, false))
        .hasMessageContaining("outside a file of 3 chunks");
  }

  @Test
  void chunkRequestsAreBoundedAndTransferIdsStartAtOne() {
    assertThat(new GetChunks(1, 0, Limits.MAX_CHUNKS_PER_REQUEST).count()).isEqualTo(256);
    assertRefused(
        w -> w.u16(204).i32(1).i32(0).i32(Limits.MAX_CHUNKS_PER_REQUEST + 1),
        "message type 204: count 257 is outside 1..256");
    assertRefused(
        w -> w.u16(204).i32(1).i32(0).i32(0), "message type 204: count 0 is outside 1..256");
    assertRefused(
        w -> w.u16(204).i32(0).i32(0).i32(1), "message type 204: transferId 0 is not 1 or more");
    assertRefused(
        w -> w.u16(204).i32(1).i32(-1).i32(1), "message type 204: firstChunk -1 is negative");
  }

  @Test
  void aManifestRequestNeedsAPathOrAHash() {
    assertRefused(
        w -> w.u16(202).i32(1).string("").bool(false),
        "message type 202: a manifest request needs a path or a hash");
  }

  @Test
  void aNegativeFileSizeIsRefused() {
    assertRefused(
        w ->
            w.u16(70)
                .i32(1)
                .bool(true)
                .bool(true)
                .i32(1)
                .string("a")
                .i64(-1)
                .fileHash(FileSamples.hash(1)),
        "message type 70: size -1 is negative");
  }

  @Test
  void aTruncatedHashIsRefused() {
    assertRefused(
        w -> w.u16(73).i32(1).u8(1).u8(2), "truncated message: sha256 needs 32 bytes, 2 left");
  }

  @Test
  void filesPageHasTheDocumentedWireForm() {
    FilesPage page =
        new FilesPage(
            9,
            List.of(
                new FileIndexMessage.FileEntry(
                    "al", new SharedFile("a/b", 5, FileSamples.hash(0xab)))),
            true);
    ByteBuf frame = FrameEncoder.encode(page, ByteBufAllocator.DEFAULT);

    assertThat(HexFormat.of().formatHex(Frames.drain(frame)))
        .isEqualTo(
            "0000003d"
                + "01"
                + "0050"
                + "00000009"
                + "01"
                + "00000001"
                + "0002"
                + "616c"
                + "0003"
                + "612f62"
                + "0000000000000005"
                + "ab".repeat(32));
  }

  @Test
  void fileHashesPrintAsSha256sumDoes() {
    assertThat(FileHash.sha256(new byte[0]).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(FileHash.parse(FileHash.sha256(new byte[0]).hex()))
        .isEqualTo(FileHash.sha256(new byte[0]));
    assertThat(FileHash.sha256(new byte[0]).shortForm()).isEqualTo("e3b0c44298fc");
  }

  private static ManifestPage manifest(
      long size, int chunkSize, int first, int hashes, boolean last) {
    return new ManifestPage(
        1,
        "f",
        size,
        chunkSize,
        FileSamples.hash(1),
        first,
        java.util.Collections.nCopies(hashes, FileSamples.hash(2)),
        last);
  }

  private static Object decode(ByteBuf frame) throws ProtocolException {
    try {
      Object decoded = FrameDecoder.decodeFrame(frame);
      assertThat(frame.readableBytes()).isZero();
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
