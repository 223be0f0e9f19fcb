package p2pchat.protocol.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import p2pchat.protocol.Limits;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.FilesPage;
import p2pchat.protocol.message.FileIndexMessage.ListFiles;
import p2pchat.protocol.message.FileIndexMessage.LocateFile;
import p2pchat.protocol.message.FileIndexMessage.PublishFiles;
import p2pchat.protocol.message.FileIndexMessage.SearchFiles;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.FileMessage.CloseTransfer;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.ManifestPage;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.message.FileMessage.TransferOpened;
import p2pchat.protocol.message.Message;

/** Samples of every file-index and file-transfer message, with fields at their limits. */
public final class FileSamples {
  /** A path of exactly {@link Limits#MAX_PATH_BYTES} UTF-8 bytes, in 4-byte characters. */
  public static final String LONGEST_PATH = "dir/" + "🙂".repeat((Limits.MAX_PATH_BYTES - 4) / 4);

  /** A search text of exactly {@link Limits#MAX_SEARCH_BYTES} UTF-8 bytes. */
  public static final String LONGEST_SEARCH = "é".repeat(Limits.MAX_SEARCH_BYTES / 2) + "x";

  private FileSamples() {}

  /** A hash made of {@code seed} repeated, so that samples are reproducible. */
  public static FileHash hash(int seed) {
    byte[] digest = new byte[FileHash.BYTES];
    java.util.Arrays.fill(digest, (byte) seed);
    return FileHash.of(digest);
  }

  /** Every message type at least once. */
  public static List<Message> all() {
    List<Message> all = new ArrayList<>();
    SharedFile song = new SharedFile("music/song.ogg", 4_321_000, hash(1));
    SharedFile empty = new SharedFile("empty", 0, FileHash.sha256(new byte[0]));
    SharedFile huge = new SharedFile(LONGEST_PATH, Long.MAX_VALUE, hash(-1));
    all.add(new PublishFiles(1, true, true, List.of(song, empty)));
    all.add(new PublishFiles(2, true, false, List.of()));
    all.add(new PublishFiles(3, false, true, fullPublication()));
    all.add(new ListFiles(4, ""));
    all.add(new ListFiles(5, SampleMessages.LONGEST_HOST));
    all.add(new SearchFiles(6, "song ogg"));
    all.add(new SearchFiles(7, LONGEST_SEARCH));
    all.add(new LocateFile(8, hash(8)));
    all.add(new FilesPage(4, List.of(new FileEntry("alice", song)), false));
    all.add(new FilesPage(4, List.of(), true));
    all.add(new FilesPage(Integer.MIN_VALUE, fullListing(huge), true));
    all.add(new OpenTransfer("alice"));
    all.add(new OpenTransfer(SampleMessages.LONGEST_HOST));
    all.add(new TransferOpened("bob"));
    all.add(new GetManifest(1, "music/song.ogg", Optional.empty()));
    all.add(new GetManifest(2, "", Optional.of(hash(2))));
    all.add(new GetManifest(Integer.MAX_VALUE, "../" + "x".repeat(1021), Optional.of(hash(3))));
    all.add(
        new ManifestPage(1, "music/song.ogg", 4_321_000, 1 << 20, hash(1), 0, hashes(5, 0), true));
    all.add(new ManifestPage(2, "empty", 0, Limits.MIN_CHUNK_SIZE, hash(0), 0, List.of(), true));
    all.add(fullestManifestPage());
    all.add(new GetChunks(1, 0, 1));
    all.add(new GetChunks(Integer.MAX_VALUE, Integer.MAX_VALUE, Limits.MAX_CHUNKS_PER_REQUEST));
    all.add(new CloseTransfer(1));
    return all;
  }

  /** The biggest manifest page there can be: the most hashes, the longest path. */
  public static ManifestPage fullestManifestPage() {
    long size = (long) Limits.MAX_CHUNKS * Limits.MAX_CHUNK_SIZE;
    return new ManifestPage(
        Integer.MAX_VALUE,
        LONGEST_PATH,
        size,
        Limits.MAX_CHUNK_SIZE,
        hash(9),
        Limits.MAX_CHUNKS - Limits.MAX_HASHES_PER_PAGE,
        hashes(Limits.MAX_HASHES_PER_PAGE, 9),
        true);
  }

  private static List<FileHash> hashes(int count, int seed) {
    return IntStream.range(0, count).mapToObj(i -> hash(seed + i)).toList();
  }

  /** A publication page as full as it gets: the most files, each with the longest path. */
  public static List<SharedFile> fullPublication() {
    return IntStream.range(0, Limits.MAX_FILES_PER_PAGE)
        .mapToObj(i -> new SharedFile(LONGEST_PATH, Long.MAX_VALUE - i, hash(i)))
        .toList();
  }

  private static List<FileEntry> fullListing(SharedFile file) {
    return IntStream.range(0, Limits.MAX_FILES_PER_PAGE)
        .mapToObj(i -> new FileEntry(SampleMessages.LONGEST_HOST, file))
        .toList();
  }
}
