package p2pchat.peer.transfer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.RandomAccessFile;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.share.TestFiles;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.RawClient;
import p2pchat.peer.transfer.SourceConnection;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.ProtocolVersion;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Hello;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.FileMessage.GetChunks;
import p2pchat.protocol.message.FileMessage.GetManifest;
import p2pchat.protocol.message.FileMessage.ManifestPage;
import p2pchat.protocol.message.FileMessage.OpenTransfer;
import p2pchat.protocol.message.FileMessage.TransferOpened;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Requesters that ask for many chunks and never read hold a bounded amount of the sharing peer's
 * memory (per connection, per user, in all), get it back when they go, and do not stop a requester
 * who reads.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class SlowReaderTest {
  private static final int MIB = 1 << 20;
  private static final int BOB_CONNECTIONS = 20;
  private static final int CAROL_CONNECTIONS = 10;
  private static final int TRANSFERS = 16;
  private static final int CHUNKS = 64;
  private static final long PER_USER = 48L * MIB;
  private static final long TOTAL = 64L * MIB;
  // The TLS handshakes, the allocator's partly used chunks, the free buffers kept, the raw clients.
  private static final long SLACK = 64L * MIB;
  // Bytes in flight sit mostly as TLS records, whose buffers Netty's allocator takes from size
  // classes up to twice their length (measured: 130 MiB of its memory in use for 67 MiB in flight).
  private static final int RECORD_OVERHEAD = 2;
  private static final long AFTER = 96L * MIB;
  private static final long OWN_AFTER = (ServeBuffers.KEEP + 8L) * MIB;

  @TempDir Path tmp;

  private TestPeer alice;
  private TestPeer bob;
  private TestPeer carol;
  private TestPeer dave;
  private final List<RawClient> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    alice = new TestPeer("alice", tmp.resolve("alice"));
    bob = new TestPeer("bob", tmp.resolve("bob"));
    carol = new TestPeer("carol", tmp.resolve("carol"));
    dave = new TestPeer("dave", tmp.resolve("dave"));
    Map<String, PeerId> friends =
        Map.of(
            "bob", bob.identity.peerId(),
            "carol", carol.identity.peerId(),
            "dave", dave.identity.peerId());
    alice.start(
        friends,
        TransferSettings.DEFAULTS.withServeBounds(
            TransferSettings.DEFAULTS.writeHighWater(), PER_USER, TOTAL, 64));
    dave.start(Map.of(), TransferSettings.DEFAULTS);
    Path share = Files.createDirectories(tmp.resolve("share"));
    try (RandomAccessFile big = new RandomAccessFile(share.resolve("big.bin").toFile(), "rw")) {
      big.setLength((long) CHUNKS * MIB); // sparse: the disk is not what is measured
    }
    TestFiles.write(share.resolve("small.bin"), 3 * MIB + 5, 7);
    alice.share(share);
  }

  @AfterEach
  void tearDown() {
    clients.forEach(RawClient::close);
    alice.close();
    dave.close();
  }

  /** Direct memory in use in this JVM: NIO's direct buffers and Netty's own (if it counts them). */
  private static long direct() {
    long nio =
        ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct"))
            .mapToLong(BufferPoolMXBean::getMemoryUsed)
            .sum();
    return nio + Math.max(0, PlatformDependent.usedDirectMemory());
  }

  private static long allocator() {
    return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
  }

  /** A connection of {@code who} with every transfer open, asking for everything, not reading. */
  private RawClient hangingClient(TestPeer who) throws Exception {
    RawClient raw = new RawClient(who.identity, alice.source("").address());
    clients.add(raw);
    raw.send(new Hello(ProtocolVersion.CURRENT, "raw"));
    raw.send(new OpenTransfer(who.name));
    for (int id = 1; id <= TRANSFERS; id++) {
      raw.send(new GetManifest(id, "share/big.bin", Optional.empty()));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                raw.received.stream().anyMatch(m -> m instanceof TransferOpened)
                    && raw.received.stream()
                            .filter(m -> m instanceof ManifestPage p && p.last())
                            .count()
                        == TRANSFERS);
    raw.stopReading();
    for (int id = 1; id <= TRANSFERS; id++) {
      raw.send(new GetChunks(id, 0, CHUNKS));
    }
    return raw;
  }

  /** Downloads {@code path} from alice as dave, reading everything; returns the bytes received. */
  private long download(String path) throws Exception {
    AtomicLong bytes = new AtomicLong();
    SourceConnection c =
        dave.network()
            .dial(
                alice.source(""),
                new SourceConnection.Receiver() {
                  @Override
                  public void data(SourceConnection from, DataFrame frame) {
                    bytes.addAndGet(frame.payload().readableBytes());
                    frame.release();
                  }

                  @Override
                  public void failed(SourceConnection from, int id, ErrorCode code, String text) {}

                  @Override
                  public void closed(SourceConnection from, String why) {}

                  @Override
                  public boolean waitingFor(SourceConnection from) {
                    return true;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    try {
      Manifest m = c.manifest(1, path, Optional.empty()).get(10, TimeUnit.SECONDS);
      c.requestChunks(1, 0, m.count());
      await().atMost(Duration.ofSeconds(60)).until(() -> bytes.get() == m.size());
      return bytes.get();
    } finally {
      c.close();
    }
  }

  @Test
  void requestersWhoDoNotReadHoldBoundedMemoryAndGiveItBack() throws Exception {
    System.gc();
    long before = direct();
    for (int i = 0; i < BOB_CONNECTIONS; i++) {
      hangingClient(bob);
    }
    for (int i = 0; i < CAROL_CONNECTIONS; i++) {
      hangingClient(carol);
    }
    int connections = BOB_CONNECTIONS + CAROL_CONNECTIONS;
    long asked = (long) connections * TRANSFERS * CHUNKS * MIB;
    // The caps: 4 MiB per connection, 48 MiB per user, 64 MiB in all (plus one chunk for a user
    // with nothing in flight).
    long inFlight =
        Math.min((long) connections * TransferSettings.DEFAULTS.writeHighWater(), TOTAL + 3L * MIB);
    long bound = RECORD_OVERHEAD * inFlight + SLACK;

    AtomicLong most = new AtomicLong();
    long start = System.nanoTime();
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              most.accumulateAndGet(direct() - before, Math::max);
              return true; // samples for the whole while; bounded below, with the figures
            });
    long duringDownload = System.nanoTime();
    long small = download("share/small.bin");
    long downloadMillis = (System.nanoTime() - duringDownload) / 1_000_000;
    long hanging = direct() - before;
    most.accumulateAndGet(hanging, Math::max);
    System.out.printf(
        "slow readers: %d connections asked for %d MiB and did not read; at most %d MiB may be in"
            + " flight; direct memory grew by at most %.1f MiB over %d s (bound %.1f MiB; Netty's"
            + " allocator %.1f MiB of it); %d chunks went out; a reading requester got %d bytes"
            + " meanwhile in %d ms%n",
        connections,
        asked / MIB,
        inFlight / MIB,
        most.get() / (double) MIB,
        (System.nanoTime() - start) / 1_000_000_000,
        bound / (double) MIB,
        allocator() / (double) MIB,
        alice.served.size(),
        small,
        downloadMillis);
    assertThat(most.get()).as("direct memory grown, bytes").isLessThanOrEqualTo(bound);
    assertThat(small).isEqualTo(3 * MIB + 5);

    clients.forEach(RawClient::close);
    clients.clear();
    AtomicLong after = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              after.set(direct() - before);
              // Netty's allocator keeps some of its chunks for later (measured: about 50 MiB);
              // the file server's own buffers are all freed but the few it keeps.
              return after.get() <= AFTER && after.get() - allocator() <= OWN_AFTER;
            });
    long big = download("share/big.bin");
    System.out.printf(
        "slow readers gone: direct memory %.1f MiB above the start (Netty's allocator %.1f MiB;"
            + " bounds %d and %d MiB); a reading requester then got %d MiB%n",
        after.get() / (double) MIB,
        allocator() / (double) MIB,
        AFTER / MIB,
        OWN_AFTER / MIB,
        big / MIB);
    assertThat(big).isEqualTo((long) CHUNKS * MIB);
  }

  @Test
  void aUserOverTheCapOfConnectionsIsRefusedWithAClearFailure() throws Exception {
    TestPeer small = new TestPeer("alice2", tmp.resolve("alice2"));
    small.start(
        Map.of("bob", bob.identity.peerId()),
        TransferSettings.DEFAULTS.withServeBounds(4 * MIB, PER_USER, TOTAL, 2));
    try {
      List<RawClient> three = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RawClient raw = new RawClient(bob.identity, small.source("").address());
        clients.add(raw);
        three.add(raw);
        raw.send(new Hello(ProtocolVersion.CURRENT, "raw"));
        raw.send(new OpenTransfer("bob"));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    raw.received.stream()
                        .anyMatch(m -> m instanceof TransferOpened || m instanceof Failure));
      }
      assertThat(three.get(0).received).anyMatch(m -> m instanceof TransferOpened);
      assertThat(three.get(1).received).anyMatch(m -> m instanceof TransferOpened);
      assertThat(three.get(2).received)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .isInstanceOfSatisfying(
                          Failure.class,
                          f -> {
                            assertThat(f.code()).isEqualTo(ErrorCode.BUSY);
                            assertThat(f.text())
                                .isEqualTo(
                                    "bob has 2 file connections open here already: try again"
                                        + " once one closes");
                          }));
      await().atMost(Duration.ofSeconds(10)).until(() -> !three.get(2).isOpen());

      three.get(0).close(); // its slot frees
      clients.remove(three.get(0));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                RawClient again = new RawClient(bob.identity, small.source("").address());
                clients.add(again);
                again.send(new Hello(ProtocolVersion.CURRENT, "raw"));
                again.send(new OpenTransfer("bob"));
                await()
                    .atMost(Duration.ofSeconds(5))
                    .until(
                        () ->
                            again.received.stream()
                                .anyMatch(
                                    m -> m instanceof TransferOpened || m instanceof Failure));
                assertThat(again.received).anyMatch(m -> m instanceof TransferOpened);
              });
    } finally {
      small.close();
    }
  }
}
