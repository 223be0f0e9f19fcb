package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.RateLimits;

/**
 * Issue 19: a guesser elsewhere cannot lock the owner out. While wrong passwords for alice come
 * from other addresses, the device bound to her account logs in every time; a new device of hers is
 * held back as the guesser is.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class BoundDeviceLoginTest {
  private static final int GUESSES = 15;
  private static final String[] GUESSER_HOSTS = {"127.0.0.2", "127.0.0.3", "127.0.0.4"};

  @TempDir Path data;

  private RegistryFixture registry;
  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
  private final List<RawRegistryConnection> guessers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    for (RawRegistryConnection g : guessers) {
      g.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void guessesFromElsewhereNeverRefuseTheBoundDevice() throws Exception {
    // The defaults but a long first lockout, so that once locked, the account stays locked for the
    // rest of the test (the default 1 s would leave gaps between doublings).
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data)
                .address("127.0.0.1", 0)
                .throttle(
                    new LoginThrottle.Settings(
                        3, 10, Duration.ofSeconds(30), Duration.ofMinutes(5)))
                .rates(RateLimits.Settings.DEFAULTS)
                .build());
    Identity device = Identity.generate("alice-laptop");
    try (RegistryClient registering = connect(device)) {
      registering.register("alice", PASSWORD);
    }
    for (String host : GUESSER_HOSTS) {
      RawRegistryConnection g = RawRegistryConnection.from(host, registry.server());
      guessers.add(g);
      g.hello();
    }

    List<Failure> guesses = Collections.synchronizedList(new ArrayList<>());
    List<String> logins = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    timer.scheduleAtFixedRate(
        () -> {
          int i = guesses.size();
          if (i >= GUESSES) {
            return;
          }
          try {
            Message answer =
                guessers
                    .get(i % guessers.size())
                    .ask(new Login(100 + i, "alice", "guess " + i, 40000, true));
            guesses.add((Failure) answer);
          } catch (Throwable e) {
            errors.add(e);
            guesses.add(null);
          }
        },
        0,
        300,
        TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(
        () -> {
          if (guesses.size() >= GUESSES) {
            return;
          }
          try {
            logins.add(timedLogin(device));
          } catch (Throwable e) {
            errors.add(e);
          }
        },
        100,
        400,
        TimeUnit.MILLISECONDS);
    await().atMost(Duration.ofMinutes(1)).until(() -> guesses.size() >= GUESSES);
    timer.shutdown();
    assertThat(timer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // After the guesses the account is locked out for new devices; still not for the bound one.
    String after = timedLogin(device);
    System.out.printf(
        "BoundDeviceLoginTest: %d of %d logins of alice's bound device during %d guesses went"
            + " through (%s), and one after them (%s)%n",
        logins.size(), logins.size() + errors.size(), GUESSES, String.join(", ", logins), after);
    assertThat(errors).isEmpty();
    assertThat(logins).hasSizeGreaterThanOrEqualTo(3);

    assertThat(guesses.subList(0, 4))
        .extracting(Failure::code)
        .containsOnly(ErrorCode.WRONG_PASSWORD);
    assertThat(guesses.subList(4, GUESSES))
        .extracting(Failure::code)
        .containsOnly(ErrorCode.SLOW_DOWN);
    // A new device of alice's, from a guesser's address or from a clean one, is held back too.
    for (String host : new String[] {GUESSER_HOSTS[0], "127.0.0.9"}) {
      try (RawRegistryConnection newDevice = RawRegistryConnection.from(host, registry.server())) {
        newDevice.hello();
        assertThat(newDevice.ask(new Login(1, "alice", PASSWORD, 40000, true)))
            .as("a new device's right password from %s", host)
            .isInstanceOfSatisfying(
                Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.SLOW_DOWN));
      }
    }
    assertThat(guessers.get(0).ask(new Login(500, "alice", "one more guess", 40000, true)))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.SLOW_DOWN));
  }

  private RegistryClient connect(Identity identity) throws Exception {
    return registry.connect(identity, RegistryListener.NONE, RegistryClient.Options.DEFAULTS);
  }

  /** Logs {@code device} in as alice on a new connection and says how long that took. */
  private String timedLogin(Identity device) throws Exception {
    long start = System.nanoTime();
    try (RegistryClient client = connect(device)) {
      client.login("alice", PASSWORD, 40000, true);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("one login of the bound device").isLessThan(Duration.ofSeconds(20));
    return took.toMillis() + " ms";
  }
}
