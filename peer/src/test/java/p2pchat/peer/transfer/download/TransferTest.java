package p2pchat.peer.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.share.IndexedFile;
import p2pchat.peer.share.ShareIndex;
import p2pchat.peer.share.TestFiles;
import p2pchat.peer.transfer.SourceFinder;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferEvent;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/** Downloads over real TLS connections on 127.0.0.1 between real peers sharing real folders. */
@ExtendWith(UncaughtExceptionsExtension.class)
class TransferTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TransferSettings FAST_RETRY =
      TransferSettings.DEFAULTS.withRetry(Duration.ofMillis(100), Duration.ofMillis(500));

  @TempDir Path tmp;

  private final List<TestPeer> peers = new CopyOnWriteArrayList<>();
  private final Map<String, PeerId> friends = new HashMap<>();

  @AfterEach
  void tearDown() {
    peers.forEach(TestPeer::close);
  }

  /** Peers who all know each other, started. */
  private List<TestPeer> peers(String... names) throws Exception {
    List<TestPeer> made = new ArrayList<>();
    for (String name : names) {
      TestPeer p = new TestPeer(name, tmp.resolve(name));
      friends.put(name, p.identity.peerId());
      made.add(p);
    }
    for (TestPeer p : made) {
      p.start(Map.copyOf(friends), FAST_RETRY);
      peers.add(p);
    }
    return made;
  }

  private static TransferEvent.Finished awaitFinished(TestPeer peer, int id) {
    AtomicReference<TransferEvent.Finished> found = new AtomicReference<>();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(peer.events)
                  .as("%s's events", peer.name)
                  .noneMatch(e -> e instanceof TransferEvent.Failed f && f.info().id() == id);
              var done =
                  peer.events.stream()
                      .filter(e -> e instanceof TransferEvent.Finished f && f.info().id() == id)
                      .findFirst();
              assertThat(done).as("%s's events %s", peer.name, peer.events).isPresent();
              found.set((TransferEvent.Finished) done.get());
            });
    return found.get();
  }

  private static void assertArrived(TransferEvent.Finished done, IndexedFile original)
      throws Exception {
    Path file = done.file();
    assertThat(file).exists();
    assertThat(Files.size(file)).isEqualTo(original.size());
    assertThat(TestFiles.sha256(file)).isEqualTo(original.sha256());
    assertThat(done.info().sha256()).isEqualTo(original.sha256());
    try (var siblings = Files.list(file.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no partial file or state left")
          .noneMatch(
              n -> n.endsWith(ShareIndex.PARTIAL_SUFFIX) || n.endsWith(ShareIndex.STATE_SUFFIX));
    }
  }

  @Test
  void smallAndEmptyFilesArriveWithTheRightHash() throws Exception {
    List<TestPeer> p = peers("alice", "bob");
    TestPeer alice = p.get(0);
    TestPeer bob = p.get(1);
    Path share = Files.createDirectories(tmp.resolve("share"));
    TestFiles.write(share.resolve("tiny.txt"), 1000, 1);
    Files.createFile(share.resolve("empty.bin"));
    TestFiles.write(share.resolve("docs/three-and-a-half.pdf"), 3 * (1 << 20) + (1 << 19), 2);
    alice.share(share);
    Downloads downloads = bob.downloads((sha256, owner, remote) -> List.of(alice.source(remote)));

    for (String path :
        List.of("share/tiny.txt", "share/empty.bin", "share/docs/three-and-a-half.pdf")) {
      IndexedFile original = alice.index().find(path).orElseThrow();
      TransferInfo started =
          downloads.start(
              "alice", path, original.sha256(), original.size(), tmp.resolve("bob-downloads"));

      assertArrived(awaitFinished(bob, started.id()), original);
    }
    assertThat(tmp.resolve("bob-downloads/empty.bin")).isEmptyFile();
  }

  @Test
  void aMultiGibibyteSparseFileArrivesWithTheRightHash() throws Exception {
    List<TestPeer> p = peers("alice", "bob");
    TestPeer alice = p.get(0);
    TestPeer bob = p.get(1);
    Path share = Files.createDirectories(tmp.resolve("big"));
    long size = (2L << 30) + 12345; // 2 GiB and a bit: the last chunk is short
    try (RandomAccessFile file = new RandomAccessFile(share.resolve("disk.img").toFile(), "rw")) {
      file.setLength(size);
      // A little data among the holes, so that not every chunk is the same.
      Random random = new Random(7);
      for (long at : new long[] {0, 1L << 30, size - 5000}) {
        byte[] bytes = new byte[4096];
        random.nextBytes(bytes);
        file.seek(at);
        file.write(bytes);
      }
    }
    long indexStart = System.nanoTime();
    alice.share(share);
    double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
    IndexedFile original = alice.index().find("big/disk.img").orElseThrow();
    Downloads downloads = bob.downloads((sha256, owner, path) -> List.of(alice.source(path)));

    long start = System.nanoTime();
    TransferInfo started =
        downloads.start("alice", "big/disk.img", original.sha256(), size, tmp.resolve("dl"));
    TransferEvent.Finished done = awaitFinished(bob, started.id());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertArrived(done, original);
    System.out.printf(
        "2 GiB sparse file: indexed in %.1f s (%.0f MB/s), downloaded and verified in %.1f s"
            + " (%.0f MB/s)%n",
        indexSeconds, size / 1e6 / indexSeconds, seconds, size / 1e6 / seconds);
  }

  @Test
  void aDownloadKilledAtARandomPointResumesWithoutRefetchingVerifiedChunks() throws Exception {
    List<TestPeer> p = peers("alice", "bob");
    TestPeer alice = p.get(0);
    TestPeer bob = p.get(1);
    Path share = Files.createDirectories(tmp.resolve("share"));
    TestFiles.write(share.resolve("movie.mkv"), 40L << 20, 3); // 40 chunks
    alice.share(share);
    IndexedFile original = alice.index().find("share/movie.mkv").orElseThrow();
    long seed = System.nanoTime();
    int killAfter = 1 + new Random(seed).nextInt(original.chunks().count() - 2);
    System.out.println("killing the downloader after chunk " + killAfter + " (seed " + seed + ")");
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    alice.afterChunk =
        chunk -> {
          if (alice.served.size() == killAfter) {
            paused.countDown();
            hold(resume);
          }
        };
    SourceFinder finder = (sha256, owner, path) -> List.of(alice.source(path));
    TransferInfo started =
        bob.downloads(finder)
            .start(
                "alice", "share/movie.mkv", original.sha256(), original.size(), tmp.resolve("dl"));
    assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
    Path target = started.target();
    // Let what the source sent before the pause be written and checked, then kill the client.
    await().atMost(WAIT).until(() -> DownloadState.readVerified(target).cardinality() > 0);
    bob.killDownloads();
    BitSet verified = DownloadState.readVerified(target);
    // The killed connection's serving thread stays held until the end, so that nothing it had
    // queued can count as sent to the new run.
    alice.afterChunk = chunk -> {};
    assertThat(verified.cardinality()).isBetween(1, killAfter);
    assertThat(DownloadState.partialOf(target)).exists();
    assertThat(target).doesNotExist();
    alice.served.clear();

    // A new run of the client resumes from its database and the state file.
    List<TransferInfo> resumed = bob.downloads(finder).resumeAll();

    assertThat(resumed).extracting(TransferInfo::id).containsExactly(started.id());
    TransferEvent.Finished done = awaitFinished(bob, started.id());
    assertArrived(done, original);
    BitSet refetched = new BitSet();
    alice.served.forEach(refetched::set);
    assertThat(refetched.intersects(verified))
        .as("chunks sent again although verified before the kill: %s of %s", refetched, verified)
        .isFalse();
    assertThat(alice.served).hasSize(original.chunks().count() - verified.cardinality());
    assertThat(
            bob.events.stream()
                .filter(e -> e instanceof TransferEvent.Started s && s.resumed())
                .count())
        .isEqualTo(1);
    resume.countDown();
  }

  @Test
  void aDownloadWhoseSourceIsKilledResumesByItselfWhenTheSourceComesBack() throws Exception {
    List<TestPeer> p = peers("alice", "bob");
    TestPeer alice = p.get(0);
    TestPeer bob = p.get(1);
    Path share = Files.createDirectories(tmp.resolve("share"));
    TestFiles.write(share.resolve("album.zip"), 24L << 20, 4);
    alice.share(share);
    IndexedFile original = alice.index().find("share/album.zip").orElseThrow();
    int killAfter = 1 + new Random().nextInt(original.chunks().count() - 2);
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    alice.afterChunk =
        chunk -> {
          if (alice.served.size() == killAfter) {
            paused.countDown();
            hold(end); // she dies here, in the middle of the file
          }
        };
    AtomicReference<TestPeer> aliceNow = new AtomicReference<>(alice);
    SourceFinder finder = (sha256, owner, path) -> List.of(aliceNow.get().source(path));
    TransferInfo started =
        bob.downloads(finder)
            .start(
                "alice", "share/album.zip", original.sha256(), original.size(), tmp.resolve("dl"));
    assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();

    alice.close(); // the source dies mid-transfer
    peers.remove(alice);
    TransferEvent.Waiting waiting =
        (TransferEvent.Waiting)
            await()
                .atMost(WAIT)
                .until(
                    () ->
                        bob.events.stream()
                            .filter(e -> e instanceof TransferEvent.Waiting)
                            .findFirst()
                            .orElse(null),
                    e -> e != null);
    assertThat(waiting.info().status()).isEqualTo(TransferInfo.Status.WAITING);
    BitSet verified = DownloadState.readVerified(started.target());

    // The same user comes back (same identity and folder, another port).
    TestPeer again = new TestPeer("alice", alice.identity, tmp.resolve("alice-again"));
    again.start(Map.copyOf(friends), FAST_RETRY);
    peers.add(again);
    again.share(share);
    aliceNow.set(again);

    assertArrived(awaitFinished(bob, started.id()), original);
    BitSet refetched = new BitSet();
    again.served.forEach(refetched::set);
    assertThat(refetched.intersects(verified)).isFalse();
    end.countDown();
  }

  @Test
  void aLyingSourceIsCaughtReportedAndItsChunkFetchedFromAnHonestOne() throws Exception {
    List<TestPeer> p = peers("bob", "carol", "dave");
    TestPeer bob = p.get(0);
    TestPeer carol = p.get(1);
    TestPeer dave = p.get(2);
    Path carolShare = Files.createDirectories(tmp.resolve("carol/files"));
    Path daveShare = Files.createDirectories(tmp.resolve("dave/files"));
    TestFiles.write(carolShare.resolve("report.pdf"), 16L << 20, 5);
    TestFiles.write(daveShare.resolve("report.pdf"), 16L << 20, 5);
    carol.share(carolShare);
    dave.share(daveShare);
    IndexedFile original = dave.index().find("files/report.pdf").orElseThrow();
    assertThat(carol.index().find("files/report.pdf").orElseThrow().sha256())
        .isEqualTo(original.sha256());
    // Carol's disk now returns other bytes than she indexed: size and time unchanged, so she
    // serves them with her old manifest. She lies about every chunk.
    Path lie = carolShare.resolve("report.pdf");
    var time = Files.getLastModifiedTime(lie);
    try (RandomAccessFile file = new RandomAccessFile(lie.toFile(), "rw")) {
      for (long at = 100; at < file.length(); at += 1 << 20) {
        file.seek(at);
        file.write(new byte[] {1, 2, 3, 4});
      }
    }
    Files.setLastModifiedTime(lie, time);
    // Dave pauses after his first chunk until carol has been caught, so that carol serves some.
    CountDownLatch caught = new CountDownLatch(1);
    dave.afterChunk = chunk -> hold(caught);
    Downloads downloads =
        bob.downloads(
            (sha256, owner, path) ->
                List.of(carol.source("files/report.pdf"), dave.source("files/report.pdf")));

    TransferInfo started =
        downloads.start(
            "carol", "files/report.pdf", original.sha256(), original.size(), tmp.resolve("dl"));
    TransferEvent.BadSource bad =
        (TransferEvent.BadSource)
            await()
                .atMost(WAIT)
                .until(
                    () ->
                        bob.events.stream()
                            .filter(e -> e instanceof TransferEvent.BadSource)
                            .findFirst()
                            .orElse(null),
                    e -> e != null);
    caught.countDown();

    assertThat(bad.source()).isEqualTo("carol");
    assertThat(bad.why()).contains("carol sent chunk").contains("wrong SHA-256");
    assertArrived(awaitFinished(bob, started.id()), original);
    assertThat(carol.served).isNotEmpty();
    BitSet fromDave = new BitSet();
    dave.served.forEach(fromDave::set);
    assertThat(fromDave.cardinality())
        .as("dave sent every chunk in the end (carol's were all bad)")
        .isEqualTo(original.chunks().count());
    assertThat(bob.events.stream().filter(e -> e instanceof TransferEvent.BadSource).count())
        .as("carol is reported once and not asked again")
        .isEqualTo(1);
  }

  @Test
  void threeSourcesAreUsedAtOnceAndTheDownloadGoesOnWhenOneLeaves() throws Exception {
    List<TestPeer> p = peers("alice", "bob", "carol", "dave");
    TestPeer bob = p.get(1);
    TestPeer carol = p.get(2);
    List<TestPeer> sources = List.of(p.get(0), carol, p.get(3));
    for (TestPeer s : sources) {
      Path dir = Files.createDirectories(tmp.resolve(s.name + "/music"));
      TestFiles.write(dir.resolve("concert.flac"), 48L << 20, 6);
      s.share(dir);
    }
    IndexedFile original = sources.get(0).index().find("music/concert.flac").orElseThrow();
    // Each source holds its first chunk back until all three are serving and the test has seen
    // them: a downloader that used one source at a time would never get past this. Carol then
    // stalls after her second chunk, and goes away.
    CountDownLatch allServing = new CountDownLatch(3);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch carolStalled = new CountDownLatch(1);
    CountDownLatch end = new CountDownLatch(1);
    for (TestPeer s : sources) {
      s.afterChunk =
          chunk -> {
            if (s.served.size() == 1) {
              allServing.countDown();
              hold(go);
            } else if (s == carol && s.served.size() == 2) {
              carolStalled.countDown();
              hold(end);
            }
          };
    }
    Downloads downloads =
        bob.downloads(
            (sha256, owner, path) ->
                sources.stream().map(s -> s.source("music/concert.flac")).toList());
    try {
      TransferInfo started =
          downloads.start(
              "alice", "music/concert.flac", original.sha256(), original.size(), tmp.resolve("dl"));
      assertThat(allServing.await(30, TimeUnit.SECONDS)).as("all three sources serving").isTrue();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(downloads.info(started.id()).orElseThrow().sources())
                      .extracting(TransferInfo.SourceInfo::name)
                      .containsExactlyInAnyOrder("alice", "carol", "dave"));
      go.countDown();
      assertThat(carolStalled.await(30, TimeUnit.SECONDS)).isTrue();
      carol.close(); // she goes away in the middle: the others carry on
      peers.remove(carol);

      TransferEvent.Finished done = awaitFinished(bob, started.id());

      assertArrived(done, original);
      System.out.println("bytes per source: " + downloads.bytesBySource(started.id()));
      int total = sources.stream().mapToInt(s -> s.served.size()).sum();
      assertThat(total).isGreaterThanOrEqualTo(original.chunks().count());
      for (TestPeer s : sources) {
        assertThat(s.served).as("chunks %s served", s.name).isNotEmpty();
      }
    } finally {
      go.countDown();
      end.countDown();
    }
  }

  @Test
  void aFileGoneFromTheSourceGetsAClearErrorAndNoFile() throws Exception {
    List<TestPeer> p = peers("alice", "bob");
    TestPeer alice = p.get(0);
    TestPeer bob = p.get(1);
    Path share = Files.createDirectories(tmp.resolve("share"));
    Path file = TestFiles.write(share.resolve("gone.txt"), 5000, 1);
    alice.share(share);
    IndexedFile original = alice.index().find("share/gone.txt").orElseThrow();
    Files.delete(file);
    Downloads downloads = bob.downloads((sha256, owner, path) -> List.of(alice.source(path)));

    TransferInfo started =
        downloads.start("alice", "share/gone.txt", original.sha256(), 5000, tmp.resolve("dl"));

    TransferEvent.Failed failed =
        (TransferEvent.Failed)
            await()
                .atMost(WAIT)
                .until(
                    () ->
                        bob.events.stream()
                            .filter(e -> e instanceof TransferEvent.Failed)
                            .findFirst()
                            .orElse(null),
                    e -> e != null);
    assertThat(failed.why()).contains("alice cannot send gone.txt").contains("does not exist");
    assertThat(started.target()).doesNotExist();
    assertThat(DownloadState.partialOf(started.target())).doesNotExist();
    assertThat(downloads.info(started.id()).orElseThrow().status())
        .isEqualTo(TransferInfo.Status.FAILED);
  }

  private static void hold(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("waited 30 s for a latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
