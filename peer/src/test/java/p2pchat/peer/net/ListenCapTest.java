package p2pchat.peer.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.share.TestFiles;
import p2pchat.peer.transfer.Manifest;
import p2pchat.peer.transfer.SourceConnection;
import p2pchat.peer.transfer.TestPeer;
import p2pchat.peer.transfer.TransferSettings;
import p2pchat.protocol.frame.DataFrame;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A flood of connections from one address that never start TLS takes only that address's few slots:
 * the rest are closed at once, and a real peer from another address still gets through.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ListenCapTest {
  private static final int FLOOD = 300;
  private static final String FLOODER = "127.0.0.2"; // loopback too, another address

  @TempDir Path tmp;

  private TestPeer alice;
  private TestPeer bob;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    alice = new TestPeer("alice", tmp.resolve("alice"));
    bob = new TestPeer("bob", tmp.resolve("bob"));
    alice.start(Map.of("bob", bob.identity.peerId()), TransferSettings.DEFAULTS);
    bob.start(Map.of(), TransferSettings.DEFAULTS);
    TestFiles.write(tmp.resolve("share/ok.txt"), 100, 2);
    alice.share(tmp.resolve("share"));
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    alice.close();
    bob.close();
  }

  private Socket open(InetSocketAddress to) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(FLOODER, 0));
    s.connect(to, 5_000);
    sockets.add(s);
    return s;
  }

  /** How long until the listener closed {@code s}, or -1 if it held it open for {@code wait}. */
  private static long closedAfter(Socket s, Duration wait) {
    long start = System.nanoTime();
    try {
      s.setSoTimeout((int) wait.toMillis());
      s.getInputStream().read();
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      // reset: closed too
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void connectionsBeyondTheCapsAreClosedAtOnceAndARealPeerGetsThrough() throws Exception {
    InetSocketAddress port = alice.source("").address();
    for (int i = 0; i < FLOOD; i++) {
      open(port);
    }

    long dialStart = System.nanoTime();
    SourceConnection c = bob.network().dial(alice.source(""), IGNORE).get(10, TimeUnit.SECONDS);
    Manifest m = c.manifest(1, "share/ok.txt", Optional.empty()).get(10, TimeUnit.SECONDS);
    long realMillis = (System.nanoTime() - dialStart) / 1_000_000;
    c.close();
    assertThat(m.size()).isEqualTo(100);

    int closed = 0;
    long slowestClose = 0;
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Long>> results = new ArrayList<>();
      for (Socket s : sockets) {
        results.add(threads.submit(() -> closedAfter(s, Duration.ofSeconds(3))));
      }
      for (Future<Long> r : results) {
        long millis = r.get();
        if (millis >= 0) {
          closed++;
          slowestClose = Math.max(slowestClose, millis);
        }
      }
    }
    int held = FLOOD - closed;
    int cap = ListenSlots.Settings.DEFAULTS.handshakesPerAddress();
    System.out.printf(
        "listen caps: %d connections from %s: %d held open, %d closed (slowest within %d ms);"
            + " a real peer from 127.0.0.1 connected and got a manifest in %d ms%n",
        FLOOD, FLOODER, held, closed, slowestClose, realMillis);
    assertThat(held).isLessThanOrEqualTo(cap);
    assertThat(closed).isGreaterThanOrEqualTo(FLOOD - cap);
    assertThat(realMillis).isLessThan(10_000);

    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
    // The slots come back once the flood is gone: a new connection from there is held again.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> closedAfter(open(port), Duration.ofMillis(500)) < 0);
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
}
