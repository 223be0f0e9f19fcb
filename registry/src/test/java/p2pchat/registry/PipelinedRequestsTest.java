package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static p2pchat.registry.RawRegistryConnection.ANSWER_TIMEOUT;
import static p2pchat.registry.RegistryFixture.PASSWORD;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.protocol.message.ConnectionMessage.Failure;
import p2pchat.protocol.message.ConnectionMessage.Ping;
import p2pchat.protocol.message.ConnectionMessage.Pong;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.protocol.message.Message;
import p2pchat.protocol.message.RegistryMessage.Done;
import p2pchat.protocol.message.RegistryMessage.ListOnline;
import p2pchat.protocol.message.RegistryMessage.Lookup;
import p2pchat.protocol.message.RegistryMessage.LookupResult;
import p2pchat.protocol.message.RegistryMessage.OnlinePage;
import p2pchat.protocol.message.RegistryMessage.SetVisibility;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;
import p2pchat.registry.client.RegistryListener;

/**
 * Requests a client sends without waiting for answers: answered in the order they were sent; the
 * answers to requests read together are flushed together, in one TLS record; a lone request is
 * answered at once, without waiting for another to arrive.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class PipelinedRequestsTest {
  @TempDir Path data;

  private RegistryFixture registry;
  private RawRegistryConnection alice;

  @BeforeEach
  void startWithBobOnlineAndAliceLoggedIn() throws Exception {
    registry = new RegistryFixture(data);
    registry.online("bob", RegistryListener.NONE);
    alice = RawRegistryConnection.countingRecords(registry.server());
    alice.helloRegisterLogin("alice", PASSWORD);
  }

  @AfterEach
  void stop() throws IOException {
    alice.close();
    registry.close();
  }

  @Test
  void lookupsWrittenTogetherAreAnsweredInOrderInOneTlsRecord() throws IOException {
    Message[] lookups = new Message[8];
    for (int i = 0; i < lookups.length; i++) {
      lookups[i] = new Lookup(alice.nextId(), "bob");
    }
    int recordsBefore = alice.recordsReceived();

    alice.send(lookups);

    for (Message lookup : lookups) {
      int id = ((Lookup) lookup).requestId();
      assertThat(alice.receive(ANSWER_TIMEOUT, true))
          .isInstanceOfSatisfying(
              LookupResult.class,
              r -> {
                assertThat(r.requestId()).isEqualTo(id);
                assertThat(r.peer().name()).isEqualTo("bob");
              });
    }
    assertThat(alice.recordsReceived() - recordsBefore)
        .as("TLS records that carried the eight answers")
        .isEqualTo(1);
  }

  @Test
  void aLoneLookupIsAnsweredWithoutWaitingForAnotherRequest() throws IOException {
    int id = alice.nextId();
    int recordsBefore = alice.recordsReceived();

    alice.send(new Lookup(id, "bob"));

    assertThat(alice.receive(ANSWER_TIMEOUT, true)).isInstanceOf(LookupResult.class);
    assertThat(alice.recordsReceived() - recordsBefore).isEqualTo(1);
  }

  @Test
  void requestsOfEveryKindWrittenTogetherAreAnsweredInOrder() throws IOException {
    int found = alice.nextId();
    int unknown = alice.nextId(); // answered after a database look-up on the blocking pool
    int list = alice.nextId();
    int hide = alice.nextId();
    int foundAgain = alice.nextId();

    alice.send(
        new Lookup(found, "bob"),
        new Lookup(unknown, "nobody"),
        new ListOnline(list),
        new SetVisibility(hide, false),
        new Lookup(foundAgain, "bob"),
        new Ping(7));

    assertThat(alice.receive(ANSWER_TIMEOUT, true))
        .isInstanceOfSatisfying(
            LookupResult.class, r -> assertThat(r.requestId()).isEqualTo(found));
    assertThat(alice.receive(ANSWER_TIMEOUT, true))
        .isInstanceOfSatisfying(
            Failure.class,
            f -> {
              assertThat(f.requestId()).isEqualTo(unknown);
              assertThat(f.code()).isEqualTo(ErrorCode.UNKNOWN_USER);
            });
    assertThat(alice.receive(ANSWER_TIMEOUT, true))
        .isInstanceOfSatisfying(
            OnlinePage.class,
            p -> {
              assertThat(p.requestId()).isEqualTo(list);
              assertThat(p.last()).isTrue();
            });
    assertThat(alice.receive(ANSWER_TIMEOUT, true)).isEqualTo(new Done(hide));
    assertThat(alice.receive(ANSWER_TIMEOUT, true))
        .isInstanceOfSatisfying(
            LookupResult.class, r -> assertThat(r.requestId()).isEqualTo(foundAgain));
    assertThat(alice.receive(ANSWER_TIMEOUT, true)).isEqualTo(new Pong(7));
  }
}
