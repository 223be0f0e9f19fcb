package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.Limits;
import p2pchat.protocol.hello.HelloDatagram;
import p2pchat.protocol.message.RegistryMessage.LoginOk;
import p2pchat.protocol.message.RegistryMessage.SessionEnded;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.LoginResult;
import p2pchat.registry.client.RegistryClient;

/**
 * A session that sends nothing over TCP lives on authenticated, fresh UDP hellos alone; forged and
 * replayed hellos do not keep it, so it times out. The registry runs with a 1 s heartbeat timeout;
 * a second, ordinary client stays online to hear the presence changes.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class UdpHelloTest {
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration HELLO_PERIOD = Duration.ofMillis(250);
  private static final String LEFT_TIMED_OUT = "LEFT silent TIMED_OUT";

  @TempDir Path data;
  private RegistryFixture registry;
  private final PresenceRecorder watcherHears = new PresenceRecorder();
  private long watcherSessionId;
  private HelloSender sender;

  @BeforeEach
  void startRegistryWithAWatcher() throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data)
                .address("127.0.0.1", 0)
                .heartbeatTimeout(HEARTBEAT_TIMEOUT)
                .build());
    RegistryClient watcher = registry.connect(watcherHears);
    watcher.register("watcher", RegistryFixture.PASSWORD);
    LoginResult login = watcher.login("watcher", RegistryFixture.PASSWORD, 40000, true);
    watcherSessionId = login.sessionId();
    sender = new HelloSender(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort()));
  }

  @AfterEach
  void stop() {
    sender.close();
    registry.close();
  }

  @Test
  void validHellosAloneKeepASilentSessionAlive() throws Exception {
    try (RawRegistryConnection silent = RawRegistryConnection.open(registry.server())) {
      LoginOk ok = silent.helloRegisterLogin("silent", RegistryFixture.PASSWORD);
      assertThat(ok.udpPort()).isEqualTo(udpPort());
      assertThat(ok.timeoutMillis()).isEqualTo(1000);
      await().until(() -> watcherHears.lines().contains("JOINED silent LOGIN"));

      sender.every(HELLO_PERIOD, n -> new HelloDatagram(ok.sessionId(), n).encode(ok.helloKey()));

      // Three heartbeat timeouts with no TCP traffic at all from the silent session.
      await()
          .during(Duration.ofMillis(3500))
          .atMost(Duration.ofSeconds(6))
          .until(() -> bothOnline() && !watcherHears.lines().contains(LEFT_TIMED_OUT));
      assertThat(sender.sent()).isGreaterThanOrEqualTo(12);

      // The same session without its hellos times out: they were what kept it.
      sender.stop();
      assertTimesOut(silent);
    }
  }

  @Test
  void forgedHellosDoNotKeepASessionAlive() throws Exception {
    try (RawRegistryConnection silent = RawRegistryConnection.open(registry.server())) {
      LoginOk ok = silent.helloRegisterLogin("silent", RegistryFixture.PASSWORD);
      byte[] wrongKey = new byte[Limits.HELLO_KEY_BYTES];
      new SecureRandom().nextBytes(wrongKey);

      sender.every(
          Duration.ofMillis(100),
          n ->
              switch (n % 3) {
                // the session's id under a key that is not its own
                case 0 -> new HelloDatagram(ok.sessionId(), n).encode(wrongKey);
                // the session's key under an id that is no session's
                case 1 -> new HelloDatagram(ok.sessionId() ^ 1, n).encode(ok.helloKey());
                // the session's key under the id of another live session
                default -> new HelloDatagram(watcherSessionId, n).encode(ok.helloKey());
              });

      assertTimesOut(silent);
      assertThat(sender.sent()).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void replayedAndOlderHellosDoNotKeepASessionAlive() throws Exception {
    try (RawRegistryConnection silent = RawRegistryConnection.open(registry.server())) {
      LoginOk ok = silent.helloRegisterLogin("silent", RegistryFixture.PASSWORD);
      byte[] tenth = new HelloDatagram(ok.sessionId(), 10).encode(ok.helloKey());

      // Counters 1 to 10 are fresh; after that the tenth datagram is sent again byte for byte,
      // alternating with correctly authenticated hellos of the lower counters 1 to 9.
      sender.every(
          HELLO_PERIOD,
          n -> {
            if (n < 10) {
              return new HelloDatagram(ok.sessionId(), n).encode(ok.helloKey());
            }
            if (n == 10 || n % 2 == 0) {
              return tenth;
            }
            return new HelloDatagram(ok.sessionId(), 1 + n % 9).encode(ok.helloKey());
          });

      // The fresh ones reach the session and keep it past its timeout...
      await()
          .during(Duration.ofMillis(2000))
          .atMost(Duration.ofSeconds(4))
          .until(() -> bothOnline() && !watcherHears.lines().contains(LEFT_TIMED_OUT));
      // ...and the replays, arriving just as often, do not.
      assertTimesOut(silent);
      assertThat(sender.sent()).isGreaterThan(10);
    }
  }

  private int udpPort() {
    return registry.server().udpPort();
  }

  private boolean bothOnline() {
    return registry.server().sessionCount() == 2;
  }

  /** The silent session ends within a few seconds, announced as timed out and told so. */
  private void assertTimesOut(RawRegistryConnection silent) throws IOException {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> watcherHears.lines().contains(LEFT_TIMED_OUT));
    assertThat(registry.server().sessionCount()).isEqualTo(1);
    assertThat(silent.receive(Duration.ofSeconds(5), true))
        .isEqualTo(
            new SessionEnded(SessionEnded.Why.TIMED_OUT, "no heartbeat for 1 s; log in again"));
    assertThat(silent.closedByPeer(Duration.ofSeconds(5))).as("closed").isTrue();
    assertThat(watcherHears.lines()).doesNotContain("LEFT watcher TIMED_OUT");
  }

  /** Sends a datagram to the registry's UDP port on a fixed schedule until stopped. */
  private static final class HelloSender implements AutoCloseable {
    private final InetSocketAddress target;
    private final DatagramSocket socket;
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hello-sender").daemon().factory());
    private final AtomicInteger sent = new AtomicInteger();
    private ScheduledFuture<?> task;

    HelloSender(InetSocketAddress target) throws IOException {
      this.target = target;
      this.socket = new DatagramSocket();
    }

    /** From now on, every {@code period}, sends {@code datagram.apply(n)} for n = 1, 2, ... */
    void every(Duration period, IntFunction<byte[]> datagram) {
      task =
          timer.scheduleAtFixedRate(
              () -> send(datagram.apply(sent.get() + 1)),
              0,
              period.toMillis(),
              TimeUnit.MILLISECONDS);
    }

    private void send(byte[] datagram) {
      try {
        socket.send(new DatagramPacket(datagram, datagram.length, target));
        sent.incrementAndGet();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** How many datagrams went out; fails the test if sending broke off with an error. */
    int sent() throws InterruptedException {
      if (task != null && task.isDone() && !task.isCancelled()) {
        try {
          task.get();
        } catch (ExecutionException e) {
          throw new AssertionError("sending hellos failed", e.getCause());
        }
      }
      return sent.get();
    }

    void stop() {
      task.cancel(false);
    }

    @Override
    public void close() {
      timer.shutdownNow();
      socket.close();
    }
  }
}
