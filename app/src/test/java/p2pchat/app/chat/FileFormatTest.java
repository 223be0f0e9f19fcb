package p2pchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;

/** What the terminal shows of shared files and transfers. */
class FileFormatTest {
  private static final FileHash HASH = FileHash.sha256(new byte[0]);

  private static TransferInfo transfer(
      TransferInfo.Status status, long done, double rate, String note) {
    return new TransferInfo(
        2,
        "film.mkv",
        "carol",
        "films/film.mkv",
        HASH,
        1_400_000_000L,
        done,
        rate,
        rate > 0
            ? Optional.of(Duration.ofSeconds((long) ((1_400_000_000L - done) / rate)))
            : Optional.empty(),
        List.of(new TransferInfo.SourceInfo("carol", 1), new TransferInfo.SourceInfo("dave", 2)),
        status,
        note,
        Path.of("/home/bob/Downloads/film.mkv"));
  }

  @Test
  void aRunningTransferShowsABarBytesSpeedTimeLeftAndSources() {
    List<String> lines =
        FileFormat.transfers(
            List.of(transfer(TransferInfo.Status.RUNNING, 574_000_000L, 96_300_000, "")));

    assertThat(lines)
        .containsExactly(
            "transfers (1):",
            "  #2 film.mkv from carol  [########------------]  41%  574.0 MB of 1.4 GB"
                + "  96.3 MB/s  ETA 8 s  via carol, dave");
  }

  @Test
  void otherStatesSayWhereTheTransferStands() {
    assertThat(
            FileFormat.transfers(
                List.of(
                    transfer(TransferInfo.Status.WAITING, 0, 0, "nobody who shares it is online"),
                    transfer(TransferInfo.Status.DONE, 1_400_000_000L, 0, ""),
                    transfer(TransferInfo.Status.FAILED, 0, 0, "carol cannot send film.mkv"))))
        .containsExactly(
            "transfers (3):",
            "  #2 film.mkv from carol  [--------------------]   0%  waiting: nobody who shares it"
                + " is online (goes on by itself)",
            "  #2 film.mkv from carol  done: /home/bob/Downloads/film.mkv",
            "  #2 film.mkv from carol  failed: carol cannot send film.mkv");
    assertThat(FileFormat.transfers(List.of()))
        .containsExactly("no transfers; /get NAME PATH starts one");
  }

  @Test
  void aListingShowsUserPathSizeAndHashPrefixInColumns() {
    NodeEvent.Files files =
        new NodeEvent.Files(
            "shared files",
            List.of(
                new FileEntry("alice", new SharedFile("music/song.ogg", 8_400_000, HASH)),
                new FileEntry("bob", new SharedFile("a.txt", 12, HASH))));

    assertThat(FileFormat.files(files))
        .containsExactly(
            "shared files (2):",
            "  alice  music/song.ogg     8.4 MB  e3b0c44298fc",
            "  bob    a.txt                12 B  e3b0c44298fc");
    assertThat(FileFormat.files(new NodeEvent.Files("files matching \"x\"", List.of())))
        .containsExactly("no files matching \"x\"");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(FileFormat.duration(Duration.ofSeconds(8))).isEqualTo("8 s");
    assertThat(FileFormat.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(FileFormat.duration(Duration.ofSeconds(7300))).isEqualTo("2 h 1 min");
  }
}
