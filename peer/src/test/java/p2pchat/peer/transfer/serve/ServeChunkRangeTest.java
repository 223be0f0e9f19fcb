package p2pchat.peer.transfer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import p2pchat.peer.share.TestFiles;
import p2pchat.peer.transfer.RawClient;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.ManifestPage;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Chunk requests past a file's end, near the largest int too, are refused with a protocol error
 * that says which chunks, never served nor failed with a stack trace.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ServeChunkRangeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;

  private TestPeer alice;
  private final Identity bob = Identity.generate("bob");
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger serverLog = (Logger) LoggerFactory.getLogger(FileServer.class);

  @BeforeEach
  void setUp() throws Exception {
    alice = new TestPeer("alice", tmp.resolve("alice"));
    Map<String, p2pchat.protocol.identity.PeerId> friends =
        Map.of("alice", alice.identity.peerId(), "bob", bob.peerId());
    alice.start(friends, TransferSettings.DEFAULTS);
    Path share = Files.createDirectories(tmp.resolve("share"));
    TestFiles.write(share.resolve("ok.txt"), 100, 2);
    alice.share(share);
    log.start();
    serverLog.addAppender(log);
    serverLog.setLevel(Level.INFO);
  }

  @AfterEach
  void tearDown() {
    serverLog.detachAppender(log);
    serverLog.setLevel(null);
    alice.close();
  }

  @ParameterizedTest
  @CsvSource({"2147483647, 256, 2147483902", "2147483400, 248, 2147483647", "1, 1, 1"})
  void chunksPastTheEndAreRefusedWithAClearFailure(int first, int count, long last)
      throws Exception {
    try (RawClient raw = new RawClient(bob, alice.source("").address())) {
      raw.send(new Hello(ProtocolVersion.CURRENT, "raw"));
      raw.send(new OpenTransfer("bob"));
      raw.send(new GetManifest(1, "share/ok.txt", Optional.empty()));
      await()
          .atMost(WAIT)
          .until(() -> raw.received.stream().anyMatch(ManifestPage.class::isInstance));

      raw.send(new GetChunks(1, first, count));

      await().atMost(WAIT).until(() -> !raw.isOpen());
      assertThat(raw.received)
          .filteredOn(Failure.class::isInstance)
          .singleElement()
          .isEqualTo(
              new Failure(
                  0,
                  ErrorCode.PROTOCOL_ERROR,
                  "chunks " + first + " to " + last + " of transfer 1, a file of 1 chunks"));
    }
    assertThat(log.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("protocol error from", "chunks " + first));
  }
}
