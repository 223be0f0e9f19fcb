package p2pchat.peer.transfer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import p2pchat.peer.share.TestFiles;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.RawClient;
import p2pchat.peer.transfer.SourceConnection;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferException;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ConnectionMessage.Welcome;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.message.FileMessage.TransferOpened;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * The serving side gives out files of its shared folders and nothing else, and only to users it can
 * identify: each way out of the folder is refused, with the requester named in the log.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ServeSecurityTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  private TestPeer alice;
  private TestPeer bob;
  private Path share;
  private Path outside;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger serverLog = (Logger) LoggerFactory.getLogger(FileServer.class);

  @BeforeEach
  void setUp() throws Exception {
    alice = new TestPeer("alice", tmp.resolve("alice"));
    bob = new TestPeer("bob", tmp.resolve("bob"));
    Map<String, p2pchat.protocol.identity.PeerId> friends =
        Map.of("alice", alice.identity.peerId(), "bob", bob.identity.peerId());
    alice.start(friends, TransferSettings.DEFAULTS);
    bob.start(friends, TransferSettings.DEFAULTS);
    outside = TestFiles.write(tmp.resolve("outside/secret.txt"), 100, 1);
    share = Files.createDirectories(tmp.resolve("share"));
    TestFiles.write(share.resolve("ok.txt"), 100, 2);
    TestFiles.write(share.resolve("swap.txt"), 100, 3);
    TestFiles.write(share.resolve("grows.txt"), 3 << 20, 4);
    Files.createSymbolicLink(share.resolve("link.txt"), outside);
    Files.createSymbolicLink(share.resolve("linkdir"), outside.getParent());
    Files.createLink(share.resolve("hard.txt"), outside);
    new ProcessBuilder("mkfifo", share.resolve("fifo").toString()).start().waitFor();
    alice.share(share);
    log.start();
    serverLog.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    serverLog.detachAppender(log);
    alice.close();
    bob.close();
  }

  /** Bob's file connection to alice, opened as bob. */
  private SourceConnection connect(SourceConnection.Receiver receiver) throws Exception {
    return bob.network().dial(alice.source(""), receiver).get(10, TimeUnit.SECONDS);
  }

  private static final SourceConnection.Receiver IGNORE =
      new SourceConnection.Receiver() {
        @Override
        public void data(SourceConnection from, DataFrame frame) {
          frame.release();
        }

        @Override
        public void failed(SourceConnection from, int id, ErrorCode code, String text) {}

        @Override
        public void closed(SourceConnection from, String why) {}

        @Override
        public boolean waitingFor(SourceConnection from) {
          return false;
        }
      };

  private TransferException refusal(String path) throws Exception {
    SourceConnection c = connect(IGNORE);
    CompletableFuture<Manifest> answer = c.manifest(1, path, Optional.empty());
    try {
      answer.get(10, TimeUnit.SECONDS);
      throw new AssertionError("alice served " + path);
    } catch (ExecutionException e) {
      return (TransferException) e.getCause();
    } finally {
      c.close();
    }
  }

  private void assertLogged(String... parts) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(log.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(
                        line -> {
                          for (String part : parts) {
                            assertThat(line).contains(part);
                          }
                        }));
  }

  @Test
  void aSharedFileIsServed() throws Exception {
    SourceConnection c = connect(IGNORE);
    Manifest m = c.manifest(1, "share/ok.txt", Optional.empty()).get(10, TimeUnit.SECONDS);
    assertThat(m.size()).isEqualTo(100);
    assertThat(m.sha256()).isEqualTo(TestFiles.sha256(share.resolve("ok.txt")));
    c.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../outside/secret.txt",
        "share/../../outside/secret.txt",
        "share/./ok.txt",
        "/etc/passwd",
        "share//ok.txt",
        "share\\..\\..\\outside\\secret.txt"
      })
  void aPathThatLeavesTheFolderIsRefusedAndLogged(String path) throws Exception {
    TransferException refused = refusal(path);

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertLogged("refused bob", "PeerId " + bob.identity.peerId().shortForm(), "127.0.0.1");
  }

  @Test
  void aSymbolicLinkToAFileOutsideIsRefusedAndLogged() throws Exception {
    TransferException refused = refusal("share/link.txt");

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertThat(refused.getMessage()).contains("symbolic link");
    assertLogged("refused bob", "share/link.txt", "symbolic link");
  }

  @Test
  void aSymbolicLinkToAFolderOutsideIsRefusedAndLogged() throws Exception {
    TransferException refused = refusal("share/linkdir/secret.txt");

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertThat(refused.getMessage()).contains("'share/linkdir' is a symbolic link");
    assertLogged("refused bob", "share/linkdir/secret.txt");
  }

  @Test
  void aHardLinkToAFileOutsideIsRefusedAndLogged() throws Exception {
    TransferException refused = refusal("share/hard.txt");

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertThat(refused.getMessage()).contains("2 hard links");
    assertLogged("refused bob", "share/hard.txt", "hard links");
  }

  @Test
  void aPipeIsRefusedAndLogged() throws Exception {
    TransferException refused = refusal("share/fifo");

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertThat(refused.getMessage()).contains("not a regular file");
    assertLogged("refused bob", "share/fifo");
  }

  @Test
  void aDeviceFileIsRefusedAndLogged() throws Exception {
    Path device = share.resolve("zero");
    int made = new ProcessBuilder("mknod", device.toString(), "c", "1", "5").start().waitFor();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        made == 0, "mknod needs privileges this test does not have");

    TransferException refused = refusal("share/zero");

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertThat(refused.getMessage()).contains("not a regular file");
    assertLogged("refused bob", "share/zero");
  }

  @Test
  void aFileSwappedForALinkAfterIndexingIsRefused() throws Exception {
    assertThat(alice.index().find("share/swap.txt")).isPresent();
    Files.delete(share.resolve("swap.txt"));
    Files.createSymbolicLink(share.resolve("swap.txt"), outside);

    TransferException refused = refusal("share/swap.txt");

    assertThat(refused.code()).isEqualTo(ErrorCode.PATH_REFUSED);
    assertLogged("refused bob", "share/swap.txt", "symbolic link");
  }

  @Test
  void aFileThatChangesWhileBeingServedIsStopped() throws Exception {
    List<String> failures = new CopyOnWriteArrayList<>();
    SourceConnection c =
        connect(
            new SourceConnection.Receiver() {
              @Override
              public void data(SourceConnection from, DataFrame frame) {
                frame.release();
              }

              @Override
              public void failed(SourceConnection from, int id, ErrorCode code, String text) {
                failures.add(code + ": " + text);
              }

              @Override
              public void closed(SourceConnection from, String why) {}

              @Override
              public boolean waitingFor(SourceConnection from) {
                return false;
              }
            });
    Manifest m = c.manifest(1, "share/grows.txt", Optional.empty()).get(10, TimeUnit.SECONDS);
    assertThat(m.count()).isEqualTo(3);
    Files.write(
        share.resolve("grows.txt"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);

    c.requestChunks(1, 0, 3);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(failures).anySatisfy(f -> assertThat(f).startsWith("FILE_CHANGED")));
    c.close();
  }

  @Test
  void aFileNotSharedOrMissingGetsAClearError() throws Exception {
    assertThat(refusal("share/nothing-here.txt").getMessage()).contains("does not exist");
    assertThat(refusal("elsewhere/x.txt").getMessage())
        .isEqualTo("no shared folder is called 'elsewhere'");
    TestFiles.write(share.resolve(".hidden"), 10, 1);
    TransferException hidden = refusal("share/.hidden");
    assertThat(hidden.code()).isEqualTo(ErrorCode.NO_SUCH_FILE);
    assertThat(hidden.getMessage()).isEqualTo("'share/.hidden' is not shared");
  }

  @Test
  void aRequestBeforeIdentifyingIsRefusedAndTheConnectionClosed() throws Exception {
    Identity mallory = Identity.generate("mallory");
    try (RawClient raw = new RawClient(mallory, alice.source("").address())) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "raw"));
      raw.send(new GetManifest(1, "share/ok.txt", Optional.empty()));

      await().atMost(WAIT).until(() -> !raw.isOpen());
      assertThat(raw.received).first().isInstanceOf(Welcome.class);
      assertThat(raw.received)
          .anySatisfy(
              m -> {
                assertThat(m).isInstanceOf(Failure.class);
                assertThat(((Failure) m).code()).isEqualTo(ErrorCode.NOT_LOGGED_IN);
              });
      assertThat(raw.received).noneMatch(m -> m instanceof TransferOpened);
    }
    assertLogged(
        "refused a file connection from (PeerId " + mallory.peerId().shortForm(),
        "GetManifest from an unidentified connection");
  }

  @Test
  void aDialerClaimingSomeoneElsesNameIsRefused() throws Exception {
    Identity mallory = Identity.generate("mallory");
    try (RawClient raw = new RawClient(mallory, alice.source("").address())) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "raw"));
      raw.send(new OpenTransfer("bob"));
      raw.send(new GetManifest(1, "share/ok.txt", Optional.empty()));

      await().atMost(WAIT).until(() -> !raw.isOpen());
      assertThat(raw.received)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .isInstanceOfSatisfying(
                          Failure.class,
                          f -> assertThat(f.code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH)));
      assertThat(raw.received).noneMatch(m -> m instanceof TransferOpened);
    }
    assertLogged("refused a file connection from", "claiming to be bob");
    assertThat(alice.served).isEmpty();
  }

  @Test
  void aStrangerIsRefusedThroughTheDialerToo() throws Exception {
    TestPeer mallory = new TestPeer("mallory", tmp.resolve("mallory"));
    mallory.start(Map.of(), TransferSettings.DEFAULTS);
    try {
      assertThatThrownBy(
              () -> mallory.network().dial(alice.source(""), IGNORE).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TransferException.class)
          .hasMessageContaining("alice refused")
          .hasMessageContaining("no friend has that name");
    } finally {
      mallory.close();
    }
  }
}
