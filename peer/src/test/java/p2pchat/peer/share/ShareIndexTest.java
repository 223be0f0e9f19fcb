package p2pchat.peer.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.profile.ProfileDatabase;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.message.FileIndexMessage.SharedFile;
import p2pchat.protocol.message.SharedPaths;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

@ExtendWith(UncaughtExceptionsExtension.class)
class ShareIndexTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  private ProfileDatabase db;
  private ShareIndex index;
  private final AtomicInteger changes = new AtomicInteger();

  private ShareIndex open() throws IOException {
    db = ProfileDatabase.open(tmp.resolve("profile"));
    index =
        ShareIndex.open(
            db,
            new ShareIndex.Listener() {
              @Override
              public void listChanged() {
                changes.incrementAndGet();
              }
            });
    return index;
  }

  private void closeIndex() {
    if (index != null) {
      index.close();
      index = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
  }

  @AfterEach
  void tearDown() {
    closeIndex();
  }

  private ShareIndex.ScanStats share(Path dir) throws Exception {
    return index.share(dir).indexed().get(60, TimeUnit.SECONDS);
  }

  @Test
  void hashesEachChunkAndTheWholeFile() throws Exception {
    Path music = Files.createDirectories(tmp.resolve("music"));
    int chunk = 1 << 20;
    long size = 2 * chunk + 12345; // three chunks, the last one short
    byte[] content = Files.readAllBytes(TestFiles.write(music.resolve("a/song.ogg"), size, 1));
    Files.createFile(music.resolve("empty"));
    open();

    ShareIndex.ScanStats stats = share(music);

    assertThat(stats.files()).isEqualTo(2);
    assertThat(stats.hashed()).isEqualTo(2);
    IndexedFile song = index.find("music/a/song.ogg").orElseThrow();
    assertThat(song.size()).isEqualTo(size);
    assertThat(song.chunkSize()).isEqualTo(chunk);
    assertThat(song.sha256()).isEqualTo(FileHash.sha256(content));
    assertThat(song.chunks().count()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      byte[] part = Arrays.copyOfRange(content, i * chunk, (int) Math.min(size, (i + 1L) * chunk));
      assertThat(song.chunks().get(i)).as("chunk %d", i).isEqualTo(FileHash.sha256(part));
    }
    IndexedFile empty = index.find("music/empty").orElseThrow();
    assertThat(empty.sha256()).isEqualTo(FileHash.sha256(new byte[0]));
    assertThat(empty.chunks().count()).isZero();
    assertThat(index.find(song.sha256())).containsExactly(song);
  }

  @Test
  void aLargeFileIsHashedRightOnTwoThreads() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("big"));
    Path file = TestFiles.write(dir.resolve("data.bin"), (20L << 20) + 7, 2);
    assertThat(Files.size(file)).isGreaterThan(FileHasher.PARALLEL_FROM);
    open();

    share(dir);

    assertThat(index.find("big/data.bin").orElseThrow().sha256()).isEqualTo(TestFiles.sha256(file));
  }

  @Test
  void unchangedFilesAreNotHashedAgainAfterARestart() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("docs"));
    for (int i = 0; i < 5; i++) {
      TestFiles.write(dir.resolve("f" + i), 100_000 + i, i);
    }
    open();
    assertThat(share(dir).hashed()).isEqualTo(5);
    List<SharedFile> before = index.published();
    closeIndex();

    open();
    ShareIndex.ScanStats again = share(dir);

    assertThat(again.files()).isEqualTo(5);
    assertThat(again.hashed()).as("files hashed after the restart").isZero();
    assertThat(index.published()).isEqualTo(before);
    closeIndex();

    // One file changes while the node is down: only that one is hashed at the next start.
    TestFiles.write(dir.resolve("f3"), 100_003, 99);
    open();
    ShareIndex.ScanStats third = share(dir);

    assertThat(third.hashed()).isEqualTo(1);
    assertThat(index.find("docs/f3").orElseThrow().sha256())
        .isEqualTo(TestFiles.sha256(dir.resolve("f3")));
  }

  @Test
  void sharedFoldersStaySharedAcrossRestartsUntilUnshared() throws Exception {
    Path music = Files.createDirectories(tmp.resolve("music"));
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Path gone = Files.createDirectories(tmp.resolve("gone"));
    TestFiles.write(music.resolve("a.ogg"), 10, 1);
    TestFiles.write(docs.resolve("b.txt"), 10, 2);
    open();
    share(music);
    share(docs);
    share(gone);
    assertThat(index.unshare("docs")).isTrue();
    closeIndex();
    Files.delete(gone);

    open();
    List<String> problems = new java.util.ArrayList<>();
    List<ShareIndex.Sharing> restored = index.restore(problems::add);
    for (ShareIndex.Sharing s : restored) {
      assertThat(s.indexed().get(60, TimeUnit.SECONDS).hashed()).isZero();
    }

    assertThat(index.folders()).extracting(ShareIndex.SharedFolder::label).containsExactly("music");
    assertThat(index.published()).extracting(SharedFile::path).containsExactly("music/a.ogg");
    assertThat(problems).singleElement().asString().contains(gone.toString(), "does not exist");
    closeIndex();
    open();
    assertThat(index.restore(problems::add)).hasSize(1);
  }

  @Test
  void aChangeOfSizeTimeOrIdentityCountsAsAChange() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Path file = TestFiles.write(dir.resolve("x"), 5000, 1);
    open();
    share(dir);
    FileHash first = index.find("d/x").orElseThrow().sha256();
    closeIndex();

    // Same size, different bytes, and the modification time put back: the inode still changed
    // (the file was replaced by another), so it is hashed again.
    FileTime time = Files.getLastModifiedTime(file);
    Path other = TestFiles.write(tmp.resolve("other"), 5000, 2);
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(file, time);
    open();

    assertThat(share(dir).hashed()).isEqualTo(1);
    assertThat(index.find("d/x").orElseThrow().sha256())
        .isNotEqualTo(first)
        .isEqualTo(TestFiles.sha256(file));
  }

  @Test
  void changesAreIndexedAsTheyHappen() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("live"));
    TestFiles.write(dir.resolve("keep"), 1000, 1);
    TestFiles.write(dir.resolve("change"), 1000, 2);
    TestFiles.write(dir.resolve("delete"), 1000, 3);
    open();
    share(dir);
    int changesBefore = changes.get();

    TestFiles.write(dir.resolve("change"), 2000, 4);
    Files.delete(dir.resolve("delete"));
    TestFiles.write(dir.resolve("new/sub/added"), 3000, 5);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(index.published())
                    .extracting(SharedFile::path)
                    .containsExactly("live/change", "live/keep", "live/new/sub/added"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(index.find("live/change").orElseThrow().sha256())
                    .isEqualTo(TestFiles.sha256(dir.resolve("change"))));
    assertThat(index.find("live/new/sub/added").orElseThrow().size()).isEqualTo(3000);
    assertThat(changes.get()).isGreaterThan(changesBefore);

    // A file in a folder made after the first scan is watched too.
    TestFiles.write(dir.resolve("new/sub/later"), 10, 6);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(index.find("live/new/sub/later")).isPresent());
  }

  @Test
  void thePublishedListHoldsOnlyRelativePaths() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("one/shared"));
    Path b = Files.createDirectories(tmp.resolve("two/shared"));
    TestFiles.write(a.resolve("x/y.txt"), 10, 1);
    TestFiles.write(b.resolve("z.txt"), 10, 2);
    open();
    share(a);
    share(b);

    List<SharedFile> published = index.published();

    assertThat(published)
        .extracting(SharedFile::path)
        .containsExactly("shared-2/z.txt", "shared/x/y.txt");
    for (SharedFile f : published) {
      assertThat(SharedPaths.problem(f.path())).as(f.path()).isEmpty();
      assertThat(f.path())
          .doesNotStartWith("/")
          .doesNotContain(tmp.toString())
          .doesNotContain(tmp.toRealPath().toString());
    }
  }

  @Test
  void linksSpecialAndHiddenFilesAreNotIndexed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("s"));
    Path outside = TestFiles.write(tmp.resolve("outside/secret"), 10, 1);
    TestFiles.write(dir.resolve("plain"), 10, 2);
    Files.createSymbolicLink(dir.resolve("link"), outside);
    Files.createSymbolicLink(dir.resolve("linkdir"), outside.getParent());
    Files.createLink(dir.resolve("hard"), outside);
    TestFiles.write(dir.resolve(".hidden"), 10, 3);
    TestFiles.write(dir.resolve(".git/config"), 10, 4);
    TestFiles.write(dir.resolve("movie.mkv" + ShareIndex.PARTIAL_SUFFIX), 10, 5);
    new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor();
    open();

    ShareIndex.ScanStats stats = share(dir);

    assertThat(index.published()).extracting(SharedFile::path).containsExactly("s/plain");
    assertThat(stats.skipped()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aFolderMustExistAndBeReadable() throws Exception {
    open();
    Path file = TestFiles.write(tmp.resolve("file"), 1, 1);

    assertThatThrownBy(() -> index.share(tmp.resolve("missing")))
        .isInstanceOf(ShareException.class)
        .hasMessage("cannot share " + tmp.resolve("missing") + ": it does not exist");
    assertThatThrownBy(() -> index.share(file))
        .isInstanceOf(ShareException.class)
        .hasMessage("cannot share " + file + ": it is not a folder");
    Path dir = Files.createDirectories(tmp.resolve("d"));
    share(dir);
    assertThatThrownBy(() -> index.share(dir))
        .isInstanceOf(ShareException.class)
        .hasMessage(dir + " is shared already, as d");
    assertThatThrownBy(() -> index.share(Files.createDirectories(dir.resolve("inner"))))
        .isInstanceOf(ShareException.class)
        .hasMessageContaining("overlaps the shared folder");
    if (!TestFiles.root()) {
      Path locked = Files.createDirectories(tmp.resolve("locked"));
      Files.setPosixFilePermissions(locked, java.util.Set.of());
      assertThatThrownBy(() -> index.share(locked))
          .isInstanceOf(ShareException.class)
          .hasMessage("cannot share " + locked + ": it is not readable");
    }
  }

  @Test
  void aFolderThatDisappearsIsNoLongerShared() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("gone"));
    TestFiles.write(dir.resolve("f"), 10, 1);
    open();
    share(dir);
    assertThat(index.published()).hasSize(1);

    Files.delete(dir.resolve("f"));
    Files.delete(dir);

    await().atMost(WAIT).untilAsserted(() -> assertThat(index.published()).isEmpty());
    await().atMost(WAIT).untilAsserted(() -> assertThat(index.folders()).isEmpty());
  }
}
