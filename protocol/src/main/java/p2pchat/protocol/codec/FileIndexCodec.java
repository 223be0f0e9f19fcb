package p2pchat.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import p2pchat.protocol.Limits;
import p2pchat.protocol.ProtocolException;
import p2pchat.protocol.message.FileIndexMessage;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.FilesPage;
import p2pchat.protocol.message.FileIndexMessage.ListFiles;
import p2pchat.protocol.message.FileIndexMessage.LocateFile;
import p2pchat.protocol.message.FileIndexMessage.PublishFiles;
import p2pchat.protocol.message.FileIndexMessage.SearchFiles;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;

/** Wire form of {@link FileIndexMessage}s: types 70-73 (requests) and 80 (answers). */
final class FileIndexCodec {
  private FileIndexCodec() {}

  static void encode(FileIndexMessage message, WireWriter w) {
    switch (message) {
      case PublishFiles m -> {
        w.u16(70).i32(m.requestId()).bool(m.first()).bool(m.last()).i32(m.files().size());
        m.files().forEach(f -> sharedFile(f, w));
      }
      case ListFiles m -> w.u16(71).i32(m.requestId()).string(m.owner());
      case SearchFiles m -> w.u16(72).i32(m.requestId()).string(m.text());
      case LocateFile m -> w.u16(73).i32(m.requestId()).fileHash(m.sha256());
      case FilesPage m -> {
        w.u16(80).i32(m.requestId()).bool(m.last()).i32(m.files().size());
        for (FileEntry e : m.files()) {
          sharedFile(e.file(), w.string(e.owner()));
        }
      }
    }
  }

  static FileIndexMessage decode(int type, WireReader r) throws ProtocolException {
    return switch (type) {
      case 70 -> {
        int requestId = r.i32("requestId");
        boolean first = r.bool("first");
        boolean last = r.bool("last");
        int count = r.count("files", Limits.MAX_FILES_PER_PAGE);
        List<SharedFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          files.add(sharedFile(r));
        }
        yield new PublishFiles(requestId, first, last, files);
      }
      case 71 -> new ListFiles(r.i32("requestId"), r.string("owner", Limits.MAX_HOST_BYTES));
      case 72 -> new SearchFiles(r.i32("requestId"), r.string("text", Limits.MAX_SEARCH_BYTES));
      case 73 -> new LocateFile(r.i32("requestId"), r.fileHash("sha256"));
      case 80 -> {
        int requestId = r.i32("requestId");
        boolean last = r.bool("last");
        int count = r.count("files", Limits.MAX_FILES_PER_PAGE);
        List<FileEntry> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          files.add(new FileEntry(r.string("file owner", Limits.MAX_HOST_BYTES), sharedFile(r)));
        }
        yield new FilesPage(requestId, files, last);
      }
      default -> null; // a type of this range that this build does not know: skipped
    };
  }

  private static void sharedFile(SharedFile f, WireWriter w) {
    w.string(f.path()).i64(f.size()).fileHash(f.sha256());
  }

  private static SharedFile sharedFile(WireReader r) throws ProtocolException {
    return new SharedFile(
        r.string("file path", Limits.MAX_PATH_BYTES),
        r.i64("file size"),
        r.fileHash("file sha256"));
  }
}
