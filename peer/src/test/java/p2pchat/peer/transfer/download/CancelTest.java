package p2pchat.peer.transfer.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.share.IndexedFile;
import p2pchat.peer.share.TestFiles;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferInfo;
import p2pchat.peer.transfer.TransferInfo.Status;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.message.FileHash;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A cancel of a download that {@link Downloads#list} still shows but that is over (done, failed or
 * cancelled) finds it and says it was over, instead of finding nothing; a running one is cancelled.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class CancelTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TransferSettings FAST_RETRY =
      TransferSettings.DEFAULTS.withRetry(Duration.ofMillis(100), Duration.ofMillis(500));

  @TempDir Path tmp;

  private TestPeer alice;
  private TestPeer bob;

  @AfterEach
  void tearDown() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
  }

  private void start() throws Exception {
    alice = new TestPeer("alice", tmp.resolve("alice"));
    bob = new TestPeer("bob", tmp.resolve("bob"));
    Map<String, p2pchat.protocol.identity.PeerId> friends =
        Map.of("alice", alice.identity.peerId(), "bob", bob.identity.peerId());
    alice.start(friends, FAST_RETRY);
    bob.start(friends, FAST_RETRY);
  }

  private static TransferInfo awaitStatus(Downloads downloads, int id, Status status) {
    return await()
        .atMost(WAIT)
        .until(() -> downloads.info(id).orElseThrow(), info -> info.status() == status);
  }

  @Test
  void aRunningDownloadIsCancelledAndASecondCancelSaysItIsCancelledAlready() throws Exception {
    start();
    // Nobody serves it: the download waits for a source, which is not over.
    Downloads downloads = bob.downloads((sha256, owner, path) -> List.of());
    TransferInfo started =
        downloads.start(
            "alice", "share/a.bin", FileHash.sha256(new byte[] {1}), 10, tmp.resolve("dl"));

    Downloads.Cancel first = downloads.cancel(started.id()).orElseThrow();
    assertThat(first.wasOver()).isFalse();
    assertThat(first.info().status()).isEqualTo(Status.CANCELLED);

    Downloads.Cancel again = downloads.cancel(started.id()).orElseThrow();
    assertThat(again.wasOver()).isTrue();
    assertThat(again.info().status()).isEqualTo(Status.CANCELLED);
    assertThat(downloads.list()).extracting(TransferInfo::id).contains(started.id());
  }

  @Test
  void aFinishedDownloadIsFoundAsDoneAndItsFileStays() throws Exception {
    start();
    Path share = Files.createDirectories(tmp.resolve("share"));
    TestFiles.write(share.resolve("tiny.txt"), 1000, 1);
    alice.share(share);
    IndexedFile original = alice.index().find("share/tiny.txt").orElseThrow();
    Downloads downloads = bob.downloads((sha256, owner, path) -> List.of(alice.source(path)));
    TransferInfo started =
        downloads.start(
            "alice", "share/tiny.txt", original.sha256(), original.size(), tmp.resolve("dl"));
    awaitStatus(downloads, started.id(), Status.DONE);

    Downloads.Cancel cancel = downloads.cancel(started.id()).orElseThrow();

    assertThat(cancel.wasOver()).isTrue();
    assertThat(cancel.info().status()).isEqualTo(Status.DONE);
    assertThat(started.target()).hasSize(1000);
  }

  @Test
  void aFailedDownloadIsFoundAsFailed() throws Exception {
    start();
    Path share = Files.createDirectories(tmp.resolve("share"));
    Path file = TestFiles.write(share.resolve("gone.txt"), 5000, 1);
    alice.share(share);
    IndexedFile original = alice.index().find("share/gone.txt").orElseThrow();
    Files.delete(file);
    Downloads downloads = bob.downloads((sha256, owner, path) -> List.of(alice.source(path)));
    TransferInfo started =
        downloads.start("alice", "share/gone.txt", original.sha256(), 5000, tmp.resolve("dl"));
    awaitStatus(downloads, started.id(), Status.FAILED);

    Downloads.Cancel cancel = downloads.cancel(started.id()).orElseThrow();

    assertThat(cancel.wasOver()).isTrue();
    assertThat(cancel.info().status()).isEqualTo(Status.FAILED);
  }

  @Test
  void aNumberNoDownloadHasFindsNothing() throws Exception {
    start();
    assertThat(bob.downloads((sha256, owner, path) -> List.of()).cancel(42)).isEmpty();
  }
}
