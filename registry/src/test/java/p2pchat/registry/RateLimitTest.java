package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.registry.Refusals.refused;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Login;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryClient;
import p2pchat.registry.client.RegistryListener;
import p2pchat.registry.limits.LoginThrottle;
import p2pchat.registry.limits.Rate;
import p2pchat.registry.limits.RateLimits;

/**
 * Token buckets per address and per account: a client over its limit is refused at once with a
 * "slow down" sentence, and clients from other addresses go on as if nothing happened.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class RateLimitTest {
  /** The failure lockouts of LoginSlowdownTest stay out of the way here. */
  private static final LoginThrottle.Settings NO_LOCKOUTS =
      new LoginThrottle.Settings(1000, 1000, Duration.ofMillis(1), Duration.ofMillis(1));

  @TempDir Path data;

  private RegistryFixture registry;

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private void start(RateLimits.Settings rates) throws Exception {
    registry =
        new RegistryFixture(
            RegistryConfig.builder(data)
                .address("127.0.0.1", 0)
                .throttle(NO_LOCKOUTS)
                .rates(rates)
                .build());
  }

  @Test
  void anAddressFloodingLoginsIsSlowedAndRefusedWhileAnotherLogsIn() throws Exception {
    RateLimits.Settings d = RateLimits.Settings.DEFAULTS;
    start(
        new RateLimits.Settings(
            Rate.parse("5/1m"),
            Rate.parse("1000/1m"),
            d.registrationsPerAddress(),
            d.requestsPerAddress(),
            d.requestsPerAccount()));
    registry.connect(RegistryListener.NONE).register("alice", PASSWORD);
    registry.connect(RegistryListener.NONE).register("bob", PASSWORD);

    try (RawRegistryConnection flooder =
        RawRegistryConnection.from("127.0.0.2", registry.server())) {
      flooder.hello();
      // Thirty guesses in one write, answered in order.
      Message[] guesses = new Message[30];
      for (int i = 0; i < guesses.length; i++) {
        guesses[i] = new Login(100 + i, i % 2 == 0 ? "alice" : "bob", "guess " + i, 40000, true);
      }
      long start = System.nanoTime();
      flooder.send(guesses);
      List<Failure> answers = new ArrayList<>();
      for (int i = 0; i < guesses.length; i++) {
        answers.add((Failure) flooder.receive(RawRegistryConnection.ANSWER_TIMEOUT, true));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(answers).extracting(Failure::requestId).isSorted();
      assertThat(answers.subList(0, 5))
          .extracting(Failure::code)
          .containsOnly(ErrorCode.WRONG_PASSWORD);
      assertThat(answers.subList(5, 30))
          .allSatisfy(
              f -> {
                assertThat(f.code()).isEqualTo(ErrorCode.SLOW_DOWN);
                assertThat(f.text())
                    .startsWith("slow down: too many login attempts from 127.0.0.2 (at most 5/1m)")
                    .contains("; try again in ")
                    .endsWith(" s");
              });
      // Refused at once: the refusals need no password check, nothing waits for the bucket.
      assertThat(took).isLessThan(Duration.ofSeconds(5));

      // Meanwhile alice, from another address, logs in as usual.
      RegistryClient alice = registry.connect(RegistryListener.NONE);
      assertThat(alice.login("alice", PASSWORD, 40000, true).observedHost()).isEqualTo("127.0.0.1");

      // The flooder stays refused, even with the right password.
      assertThat(flooder.ask(new Login(200, "bob", PASSWORD, 40000, true)))
          .isInstanceOfSatisfying(
              Failure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.SLOW_DOWN));
    }
  }

  @Test
  void guessingOneAccountFromManyAddressesIsSlowedPerAccount() throws Exception {
    RateLimits.Settings d = RateLimits.Settings.DEFAULTS;
    start(
        new RateLimits.Settings(
            Rate.parse("1000/1m"),
            Rate.parse("3/1m"),
            d.registrationsPerAddress(),
            d.requestsPerAddress(),
            d.requestsPerAccount()));
    registry.connect(RegistryListener.NONE).register("alice", PASSWORD);
    registry.connect(RegistryListener.NONE).register("bob", PASSWORD);

    for (int i = 0; i < 3; i++) {
      try (RawRegistryConnection guesser =
          RawRegistryConnection.from("127.0.0." + (10 + i), registry.server())) {
        guesser.hello();
        assertThat(((Failure) guesser.ask(new Login(1, "alice", "guess", 1, true))).code())
            .isEqualTo(ErrorCode.WRONG_PASSWORD);
      }
    }
    try (RawRegistryConnection guesser =
        RawRegistryConnection.from("127.0.0.20", registry.server())) {
      guesser.hello();
      Failure refusal = (Failure) guesser.ask(new Login(1, "alice", "guess", 1, true));
      assertThat(refusal.code()).isEqualTo(ErrorCode.SLOW_DOWN);
      assertThat(refusal.text()).startsWith("slow down: too many login attempts for alice");
    }

    RegistryClient bob = registry.connect(RegistryListener.NONE);
    bob.login("bob", PASSWORD, 40000, true);
  }

  @Test
  void registrationsPerAddressAreLimited() throws Exception {
    RateLimits.Settings d = RateLimits.Settings.DEFAULTS;
    start(
        new RateLimits.Settings(
            d.loginsPerAddress(),
            d.loginsPerAccount(),
            Rate.parse("3/1h"),
            d.requestsPerAddress(),
            d.requestsPerAccount()));
    RegistryClient client = registry.connect(RegistryListener.NONE);
    client.register("user1", PASSWORD);
    client.register("user2", PASSWORD);
    client.register("user3", PASSWORD);

    assertThat(refused(ErrorCode.SLOW_DOWN, () -> client.register("user4", PASSWORD)).getMessage())
        .startsWith("slow down: too many registrations from 127.0.0.1 (at most 3/1h)");

    try (RawRegistryConnection other = RawRegistryConnection.from("127.0.0.2", registry.server())) {
      other.hello();
      other.register("user4", PASSWORD);
    }
  }

  @Test
  void aFloodOfRequestsIsRefusedForThatAddressOnly() throws Exception {
    RateLimits.Settings d = RateLimits.Settings.DEFAULTS;
    start(
        new RateLimits.Settings(
            d.loginsPerAddress(),
            d.loginsPerAccount(),
            d.registrationsPerAddress(),
            Rate.parse("20/1m"),
            Rate.parse("1000/1m")));
    RegistryClient alice = registry.online("alice", RegistryListener.NONE);

    try (RawRegistryConnection flooder =
        RawRegistryConnection.from("127.0.0.3", registry.server())) {
      flooder.hello();
      flooder.register("bob", PASSWORD);
      flooder.login("bob", PASSWORD);
      Message[] lists = new Message[40];
      for (int i = 0; i < lists.length; i++) {
        lists[i] = new ListOnline(10 + i);
      }
      flooder.send(lists);
      int pages = 0;
      List<Failure> refusals = new ArrayList<>();
      for (int i = 0; i < lists.length; i++) {
        Message answer = flooder.receive(RawRegistryConnection.ANSWER_TIMEOUT, true);
        if (answer instanceof OnlinePage) {
          pages++;
        } else {
          refusals.add((Failure) answer);
        }
      }

      // Hello is free; register and login took two of the twenty.
      assertThat(pages).isEqualTo(18);
      assertThat(refusals)
          .hasSize(22)
          .allSatisfy(
              f -> {
                assertThat(f.code()).isEqualTo(ErrorCode.SLOW_DOWN);
                assertThat(f.text()).startsWith("slow down: too many requests from 127.0.0.3");
              });
      assertThat(alice.online()).extracting(p -> p.name()).containsExactly("bob");
    }
  }
}
