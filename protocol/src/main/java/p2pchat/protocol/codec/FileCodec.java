package p2pchat.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileMessage;
import p2pchat.protocol.message.FileMessage.CloseTransfer;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.ManifestPage;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.message.FileMessage.TransferOpened;

/** Wire form of {@link FileMessage}s: types 200-205. */
final class FileCodec {
  private FileCodec() {}

  static void encode(FileMessage message, WireWriter w) {
    switch (message) {
      case OpenTransfer m -> w.u16(200).string(m.name());
      case TransferOpened m -> w.u16(201).string(m.name());
      case GetManifest m -> {
        w.u16(202).i32(m.transferId()).string(m.path()).bool(m.sha256().isPresent());
        m.sha256().ifPresent(w::fileHash);
      }
      case ManifestPage m -> {
        w.u16(203)
            .i32(m.transferId())
            .string(m.path())
            .i64(m.size())
            .i32(m.chunkSize())
            .fileHash(m.sha256())
            .i32(m.firstChunk())
            .bool(m.last())
            .i32(m.chunkHashes().size());
        m.chunkHashes().forEach(w::fileHash);
      }
      case GetChunks m -> w.u16(204).i32(m.transferId()).i32(m.firstChunk()).i32(m.count());
      case CloseTransfer m -> w.u16(205).i32(m.transferId());
    }
  }

  static FileMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 200 -> new OpenTransfer(r.string("name", Limits.MAX_HOST_BYTES));
      case 201 -> new TransferOpened(r.string("name", Limits.MAX_HOST_BYTES));
      case 202 -> {
        int transferId = r.i32("transferId");
        String path = r.string("path", Limits.MAX_PATH_BYTES);
        Optional<FileHash> sha256 =
            r.bool("has sha256") ? Optional.of(r.fileHash("sha256")) : Optional.empty();
        yield new GetManifest(transferId, path, sha256);
      }
      case 203 -> {
        int transferId = r.i32("transferId");
        String path = r.string("path", Limits.MAX_PATH_BYTES);
        long size = r.i64("size");
        int chunkSize = r.i32("chunkSize");
        FileHash sha256 = r.fileHash("sha256");
        int firstChunk = r.i32("firstChunk");
        boolean last = r.bool("last");
        int count = r.count("chunk hashes", Limits.MAX_HASHES_PER_PAGE);
        List<FileHash> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          hashes.add(r.fileHash("chunk hash"));
        }
        yield new ManifestPage(transferId, path, size, chunkSize, sha256, firstChunk, hashes, last);
      }
      case 204 -> new GetChunks(r.i32("transferId"), r.i32("firstChunk"), r.i32("count"));
      case 205 -> new CloseTransfer(r.i32("transferId"));
      default -> null; // a type of this range that this build does not know: skipped
    };
  }
}
