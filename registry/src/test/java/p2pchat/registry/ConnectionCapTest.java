package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryException;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.limits.ConnectionSlots;

/**
 * Connections that never speak cannot hold the registry: they are closed after the handshake
 * timeout, one address can hold only so many slots, all addresses together only so many not logged
 * in, and real peers log in meanwhile.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class ConnectionCapTest {
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);

  @TempDir Path data;

  private RegistryFixture registry;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private void start(ConnectionSlots.Settings caps, Duration handshakeTimeout) throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data)
                .address("127.0.0.1", 0)
                .connections(caps)
                .handshakeTimeout(handshakeTimeout)
                .build());
  }

  @Test
  void twoHundredSilentConnectionsAreClosedAfterTheHandshakeTimeoutWhileAPeerLogsIn()
      throws Exception {
    start(ConnectionSlots.Settings.DEFAULTS, HANDSHAKE_TIMEOUT);
    long opened = System.nanoTime();
    // 200 connections that never send a byte, 20 from each of ten addresses (the default cap of
    // connections not logged in per address is 20).
    for (int i = 0; i < 200; i++) {
      sockets.add(idle("127.0.0." + (10 + i / 20)));
    }

    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    long aliceIn = System.nanoTime();
    assertThat(alice.isConnected()).isTrue();

    List<Long> closedAt = closeTimes(sockets, Duration.ofSeconds(30));
    long first = closedAt.stream().mapToLong(Long::longValue).min().orElseThrow();
    assertThat(Duration.ofNanos(first - opened))
        .as("the first silent connection closed after the handshake timeout")
        .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.minusMillis(100));
    assertThat(aliceIn).as("alice logged in while all 200 were held").isLessThan(first);
    assertThat(alice.isConnected()).isTrue();
    assertThat(registry.server().sessionCount()).isEqualTo(1);
  }

  @Test
  void connectionsBeyondTheCapOfNotLoggedInPerAddressAreClosedAtOnce() throws Exception {
    start(new ConnectionSlots.Settings(50, 5), Duration.ofSeconds(30));
    ListAppender<ILoggingEvent> warnings = captureWarnings();
    try {
      List<Socket> eight = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        eight.add(idle("127.0.0.20"));
      }
      sockets.addAll(eight);

      // Which ones is up to the order the registry's threads take them in; three are refused.
      List<Boolean> closed = closedWithin(eight, Duration.ofSeconds(3));
      assertThat(closed).as("closed at once among eight").containsOnly(true, false);
      assertThat(closed.stream().filter(c -> c)).as("closed at once").hasSize(3);
      // Another address, and logged-in peers of this one, are not affected.
      Socket other = idle("127.0.0.21");
      sockets.add(other);
      assertThat(closedWithin(other, Duration.ofMillis(500))).isFalse();
      registry.online("alice", RegistryListener.NONE);
      assertThat(
              warnings.list.stream()
                  .map(ILoggingEvent::getFormattedMessage)
                  .filter(m -> m.startsWith("refusing new connections from 127.0.0.20")))
          .as("one warning for the whole flood")
          .containsExactly(
              "refusing new connections from 127.0.0.20: 5 connections from 127.0.0.20 have not"
                  + " logged in yet");
    } finally {
      ((Logger) LoggerFactory.getLogger(RegistryServer.class)).detachAppender(warnings);
    }
  }

  @Test
  void connectionsBeyondTheCapPerAddressAreClosedAtOnceUntilOneCloses() throws Exception {
    start(new ConnectionSlots.Settings(3, 3), Duration.ofSeconds(30));
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);
    registry.online("bob", RegistryListener.NONE);
    registry.online("carol", RegistryListener.NONE);

    assertThatThrownBy(() -> registry.connect(RegistryListener.NONE))
        .isInstanceOf(RegistryException.class);

    alice.close();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> registry.connect(RegistryListener.NONE).isConnected());
  }

  @Test
  void connectionsBeyondTheCapOfNotLoggedInFromAllAddressesAreClosedAtOnceUntilASlotFrees()
      throws Exception {
    start(new ConnectionSlots.Settings(50, 20, 5), Duration.ofSeconds(30));
    ListAppender<ILoggingEvent> warnings = captureWarnings();
    try {
      // Five silent connections, each from its own address: none is near its address's caps.
      List<Socket> five = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        five.add(idle("127.0.0." + (30 + i)));
      }
      sockets.addAll(five);
      awaitPending(5);

      Socket sixth = idle("127.0.0.40");
      sockets.add(sixth);
      assertThat(closedWithin(sixth, Duration.ofSeconds(10))).as("the sixth, closed").isTrue();
      assertThatThrownBy(() -> registry.connect(RegistryListener.NONE))
          .as("a real client while five are held")
          .isInstanceOf(RegistryException.class);
      assertThat(registry.server().pendingConnections()).isEqualTo(5);

      // A connection that closes frees its slot; one that logs in frees it too.
      five.getFirst().close();
      awaitPending(4);
      RegistryClient alice = registry.online("alice", RegistryListener.NONE);
      awaitPending(4);
      Socket another = idle("127.0.0.41");
      sockets.add(another);
      awaitPending(5);
      assertThat(closedWithin(another, Duration.ofMillis(500))).as("held, not closed").isFalse();

      // A logged-in session was counted out when it logged in, not again when it closes.
      alice.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> registry.server().sessionCount() == 0);
      assertThat(registry.server().pendingConnections()).isEqualTo(5);
      for (Socket s : sockets) {
        s.close();
      }
      awaitPending(0);

      assertThat(
              warnings.list.stream()
                  .map(ILoggingEvent::getFormattedMessage)
                  .filter(m -> m.startsWith("refusing new connections from 127.0.0.40")))
          .containsExactly(
              "refusing new connections from 127.0.0.40: 5 connections from all addresses have"
                  + " not logged in yet");
    } finally {
      ((Logger) LoggerFactory.getLogger(RegistryServer.class)).detachAppender(warnings);
    }
  }

  private void awaitPending(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(registry.server().pendingConnections())
                    .as("connections not logged in")
                    .isEqualTo(count));
  }

  /** A plain TCP connection to the registry from {@code from} that never sends a byte. */
  private Socket idle(String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(registry.server().address(), 10_000);
    return s;
  }

  private ListAppender<ILoggingEvent> captureWarnings() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(RegistryServer.class);
    logger.setLevel(Level.WARN);
    logger.addAppender(appender);
    return appender;
  }

  /**
   * Whether each socket is closed by the registry within {@code timeout}, all waited on at once.
   */
  private static List<Boolean> closedWithin(List<Socket> sockets, Duration timeout)
      throws Exception {
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> closed = new ArrayList<>();
      for (Socket s : sockets) {
        closed.add(readers.submit(() -> closedWithin(s, timeout)));
      }
      List<Boolean> result = new ArrayList<>();
      for (Future<Boolean> f : closed) {
        result.add(f.get());
      }
      return result;
    }
  }

  /** When each socket was closed by the registry (nanoTime), waiting at most {@code limit}. */
  private static List<Long> closeTimes(List<Socket> sockets, Duration limit) throws Exception {
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Long>> closed = new ArrayList<>();
      for (Socket s : sockets) {
        closed.add(
            readers.submit(
                () -> {
                  assertThat(closedWithin(s, limit)).as("closed by the registry").isTrue();
                  return System.nanoTime();
                }));
      }
      List<Long> times = new ArrayList<>();
      for (Future<Long> f : closed) {
        times.add(f.get());
      }
      return times;
    }
  }

  /**
   * True if the registry closes {@code socket} within {@code timeout} (whatever it writes before, a
   * TLS alert perhaps, is read and dropped); false if it stays open.
   */
  private static boolean closedWithin(Socket socket, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        socket.setSoTimeout((int) left);
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }
}
