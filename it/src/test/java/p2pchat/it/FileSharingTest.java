package p2pchat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.NodeEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.FileEntry;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.testing.RawTlsConnection;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * File sharing between real nodes through a real registry: folders shared, listed, searched and
 * downloaded (from every source the registry knows), downloads that resume when their source or
 * their own node comes back, and a node's file server refusing whoever it cannot identify.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class FileSharingTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private Cluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new Cluster(dir);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static Path write(Path file, long size, long seed) throws Exception {
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= buffer.length) {
        random.nextBytes(buffer);
        out.write(buffer, 0, (int) Math.min(left, buffer.length));
      }
    }
    return file;
  }

  /** A file of {@code size} bytes, mostly holes, with a little data at both ends. */
  static Path sparse(Path file, long size) throws Exception {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
      f.write("start".getBytes());
      f.seek(size - 3);
      f.write("end".getBytes());
    }
    return file;
  }

  static FileHash sha256(Path file) throws Exception {
    var digest = FileHash.newDigest();
    byte[] buffer = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return FileHash.of(digest.digest());
  }

  /** Asks for {@code owner}'s files (all with "") until the answer has {@code count} of them. */
  static List<FileEntry> listed(Cluster.Member who, String owner, int count) {
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              int before = who.events().all(NodeEvent.Files.class).size();
              who.node().listFiles(owner);
              return who.events().awaitNth(NodeEvent.Files.class, before + 1).files();
            },
            files -> files.size() == count);
  }

  /** Waits (long: a big file on a busy machine) until {@code name} is downloaded. */
  static NodeEvent.TransferFinished finished(Cluster.Member who, String name) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                who.events().all(NodeEvent.TransferFinished.class).stream()
                    .filter(e -> e.transfer().name().equals(name))
                    .findFirst()
                    .orElse(null),
            e -> e != null);
  }

  @Test
  void aSharedFolderIsListedSearchedAndDownloaded() throws Exception {
    Cluster.Member alice = cluster.join("alice");
    Cluster.Member bob = cluster.join("bob");
    Path share = Files.createDirectories(dir.resolve("alice-files"));
    Path song = write(share.resolve("music/Song Title.ogg"), 3_500_000, 1);
    write(share.resolve("notes.txt"), 1234, 2);

    alice.node().share(share);

    List<FileEntry> files = listed(bob, "", 2);
    assertThat(files)
        .extracting(e -> e.owner() + ":" + e.file().path() + ":" + e.file().size())
        .containsExactly(
            "alice:alice-files/music/Song Title.ogg:3500000", "alice:alice-files/notes.txt:1234");
    assertThat(files).allSatisfy(e -> assertThat(e.file().path()).doesNotContain(dir.toString()));
    assertThat(files.getFirst().file().sha256()).isEqualTo(sha256(song));
    int searches = bob.events().all(NodeEvent.Files.class).size();
    bob.node().searchFiles("song OGG");
    assertThat(bob.events().awaitNth(NodeEvent.Files.class, searches + 1).files())
        .extracting(e -> e.file().path())
        .containsExactly("alice-files/music/Song Title.ogg");

    bob.node().download("alice", "alice-files/music/Song Title.ogg", dir.resolve("bob-dl"));

    NodeEvent.TransferFinished done = finished(bob, "Song Title.ogg");
    assertThat(done.file()).isEqualTo(dir.resolve("bob-dl/Song Title.ogg"));
    assertThat(sha256(done.file())).isEqualTo(sha256(song));
    assertThat(bob.node().transfers())
        .singleElement()
        .extracting(TransferInfo::status)
        .isEqualTo(TransferInfo.Status.DONE);
  }

  @Test
  void aFileNobodySharesGetsAClearError() throws Exception {
    Cluster.Member alice = cluster.join("alice");
    Cluster.Member bob = cluster.join("bob");
    alice.node().share(Files.createDirectories(dir.resolve("empty")));

    bob.node().download("alice", "empty/nothing.txt", dir.resolve("dl"));

    assertThat(bob.events().awaitFailed())
        .isEqualTo("alice shares no file empty/nothing.txt; /files alice lists what alice shares");
    assertThat(dir.resolve("dl/nothing.txt")).doesNotExist();
  }

  @Test
  void otherUsersSharingTheSameContentAreFoundAndUsed() throws Exception {
    Cluster.Member alice = cluster.join("alice");
    Cluster.Member carol = cluster.join("carol");
    Cluster.Member bob = cluster.join("bob");
    long size = 768L << 20;
    alice.node().share(sparse(dir.resolve("a/films/film.mkv"), size).getParent());
    carol.node().share(sparse(dir.resolve("c/copies/same film.mkv"), size).getParent());
    listed(bob, "", 2);

    bob.node().download("alice", "films/film.mkv", dir.resolve("dl"));

    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () ->
                bob.node().transfers().stream()
                    .anyMatch(
                        t ->
                            t.sources().stream()
                                .map(TransferInfo.SourceInfo::name)
                                .toList()
                                .containsAll(List.of("alice", "carol"))));
    NodeEvent.TransferFinished done = finished(bob, "film.mkv");
    assertThat(sha256(done.file())).isEqualTo(sha256(dir.resolve("a/films/film.mkv")));
  }

  @Test
  void aDownloadGoesOnWhenItsSourceOrItsOwnNodeComesBack() throws Exception {
    Cluster.Member alice = cluster.join("alice");
    Cluster.Member bob = cluster.join("bob");
    Path share = Files.createDirectories(dir.resolve("big"));
    Path file = sparse(share.resolve("disk.img"), 1L << 30);
    alice.node().share(share);
    listed(bob, "alice", 1);
    bob.node().download("alice", "big/disk.img", dir.resolve("dl"));
    await().atMost(WAIT).until(() -> progress(bob) > 0.05);

    // The source goes away: the download waits, then goes on by itself when she is back.
    cluster.stop(alice);
    await().atMost(WAIT).until(() -> !bob.events().all(NodeEvent.TransferWaiting.class).isEmpty());
    double before = progress(bob);
    alice = cluster.start(cluster.config("alice")); // her shares come back with her profile
    await().atMost(WAIT).until(() -> progress(bob) > before + 0.05);

    // Now bob's node stops mid-way; started again, it resumes from its partial file.
    cluster.stop(bob);
    Cluster.Member bobAgain = cluster.start(cluster.config("bob"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                bobAgain.events().all(NodeEvent.TransferStarted.class).stream()
                    .anyMatch(NodeEvent.TransferStarted::resumed));

    NodeEvent.TransferFinished done = finished(bobAgain, "disk.img");
    assertThat(sha256(done.file())).isEqualTo(sha256(file));
  }

  private static double progress(Cluster.Member who) {
    return who.node().transfers().stream()
        .filter(t -> !t.finished())
        .mapToDouble(t -> (double) t.done() / t.size())
        .findFirst()
        .orElse(0);
  }

  @Test
  void aNodeServesFilesOnlyToUsersItCanIdentify() throws Exception {
    Cluster.Member alice = cluster.join("alice");
    cluster.join("bob");
    alice.node().share(write(dir.resolve("s/secret.txt"), 100, 1).getParent());
    InetSocketAddress where = alice.node().whoami().listen();
    var aliceId = alice.node().whoami().peerId();

    // Someone with another key claiming to be bob.
    try (RawTlsConnection raw = RawTlsConnection.open(where, aliceId, Identity.generate("x"))) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "raw"), new OpenTransfer("bob"));
      assertThat(raw.receive()).isInstanceOf(Welcome.class);
      assertThat(raw.receive())
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH));
      assertThat(raw.closedByPeer()).isTrue();
    }
    // Someone asking for a file without saying who they are.
    try (RawTlsConnection raw = RawTlsConnection.open(where, aliceId, Identity.generate("y"))) {
      raw.send(
          new Hello(ProtocolVersion.CURRENT, "raw"),
          new GetManifest(1, "s/secret.txt", Optional.empty()));
      assertThat(raw.receive()).isInstanceOf(Welcome.class);
      assertThat(raw.receive())
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR));
      assertThat(raw.closedByPeer()).isTrue();
    }
  }
}
