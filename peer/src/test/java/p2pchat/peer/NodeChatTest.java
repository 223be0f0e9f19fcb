package p2pchat.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.peer.chat.ConversationInfo;
import p2pchat.peer.friends.FriendStatus;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * Two real serverless nodes chatting over their direct TLS link, for what the threading of a chat
 * text must keep: each sending thread's texts arrive in order (whether they go straight from the
 * caller's thread or through the node's actor), events reach listeners in order on the node's own
 * thread and never on a network event loop, and a listener may ask its node questions.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class NodeChatTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private FriendNodes nodes;

  @AfterEach
  void close() {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void textsFromConcurrentSendersArriveCompleteAndInEachSendersOrder() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob");
    HeardEvents aliceHears = new HeardEvents();
    HeardEvents bobHears = new HeardEvents();
    Node alice = nodes.start("alice", Duration.ofMinutes(5), aliceHears);
    Node bob = nodes.start("bob", Duration.ofMinutes(5), bobHears);
    alice.send("bob", "hello");
    await().atMost(WAIT).until(() -> bobHears.textsFrom("alice").contains("hello"));

    int senders = 4;
    int each = 300;
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      String prefix = "t" + s + " #";
      threads.add(
          Thread.ofPlatform()
              .start(() -> texts(prefix, each).forEach(text -> alice.send("bob", text))));
    }
    // Bob answers at the same time, from his own thread and from his listener.
    bobHears.react(
        e -> {
          if (e instanceof NodeEvent.MessageReceived m && m.text().endsWith("#1")) {
            bob.send("alice", "echo " + m.text());
          }
        });
    Thread bobWrites =
        Thread.ofPlatform().start(() -> texts("b #", each).forEach(t -> bob.send("alice", t)));
    for (Thread t : threads) {
      t.join();
    }
    bobWrites.join();

    await().atMost(WAIT).until(() -> bobHears.textsFrom("alice").size() == 1 + senders * each);
    for (int s = 0; s < senders; s++) {
      String prefix = "t" + s + " #";
      assertThat(bobHears.textsFrom("alice").stream().filter(t -> t.startsWith(prefix)))
          .as("texts of sender %d, in order", s)
          .containsExactlyElementsOf(texts(prefix, each));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(aliceHears.textsFrom("bob").stream().filter(t -> t.startsWith("b #")))
                    .containsExactlyElementsOf(texts("b #", each)));
  }

  @Test
  void eventsReachListenersOnTheNodesOwnThreadNeverOnAnEventLoop() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob");
    HeardEvents aliceHears = new HeardEvents();
    HeardEvents bobHears = new HeardEvents();
    Node alice = nodes.start("alice", Duration.ofMinutes(5), aliceHears);
    Node bob = nodes.start("bob", Duration.ofMinutes(5), bobHears);
    // Bob echoes from his listener: its send runs on the thread that delivers events.
    bobHears.react(
        e -> {
          if (e instanceof NodeEvent.MessageReceived m) {
            bob.send("alice", "re: " + m.text());
          }
        });
    Thread.ofPlatform().start(() -> texts("a #", 100).forEach(t -> alice.send("bob", t))).join();
    await().atMost(WAIT).until(() -> aliceHears.textsFrom("bob").size() == 100);

    assertThat(aliceHears.textsFrom("bob"))
        .containsExactlyElementsOf(texts("a #", 100).stream().map(t -> "re: " + t).toList());
    for (HeardEvents heard : List.of(aliceHears, bobHears)) {
      assertThat(heard.all()).isNotEmpty().noneMatch(HeardEvents.Heard::onNettyThread);
      assertThat(heard.all().stream().map(HeardEvents.Heard::thread).distinct()).hasSize(1);
    }
    assertThat(bobHears.all().getFirst().thread()).isEqualTo("node-bob");
  }

  @Test
  void textsSentWhileTheLinkIsClosedArriveInOrderOnceItIsDialedAgain() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob");
    HeardEvents bobHears = new HeardEvents();
    Duration idle = Duration.ofSeconds(2);
    Node alice = nodes.start("alice", idle, new HeardEvents());
    nodes.start("bob", idle, bobHears);
    List<String> sent = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      alice.send("bob", "round " + round);
      sent.add("round " + round);
      await().atMost(WAIT).until(() -> bobHears.textsFrom("alice").equals(sent));
      await().atMost(WAIT).until(() -> alice.friends().stream().noneMatch(FriendStatus::connected));
      // The link has idled out: the first texts wait for the dial, and the sender keeps going
      // while it completes, so that later texts find the link up and take the direct way.
      String first = "round " + round + " #1";
      AtomicBoolean arrived = new AtomicBoolean();
      bobHears.react(
          e -> {
            if (e instanceof NodeEvent.MessageReceived m && m.text().equals(first)) {
              arrived.set(true);
            }
          });
      int after = 0;
      for (int i = 1; after < 200 && i < 50_000; i++) {
        String text = "round " + round + " #" + i;
        alice.send("bob", text);
        sent.add(text);
        if (arrived.get()) {
          after++;
        }
        Thread.yield(); // let the dial go on beside this thread on a small machine
      }
      await().atMost(WAIT).until(() -> bobHears.textsFrom("alice").size() >= sent.size());
      assertThat(bobHears.textsFrom("alice")).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void aTextSentAfterClosingGoesAfterTheClose() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob");
    HeardEvents bobHears = new HeardEvents();
    Node alice = nodes.start("alice", Duration.ofMinutes(5), new HeardEvents());
    nodes.start("bob", Duration.ofMinutes(5), bobHears);
    alice.send("bob", "one");
    await().atMost(WAIT).until(() -> bobHears.textsFrom("alice").contains("one"));

    alice.closeConversation("bob");
    alice.send("bob", "two"); // friends: this opens a new conversation, after the close

    await().atMost(WAIT).until(() -> bobHears.textsFrom("alice").contains("two"));
    assertThat(
            bobHears.all().stream()
                .map(HeardEvents.Heard::event)
                .filter(
                    e ->
                        e instanceof NodeEvent.MessageReceived
                            || e instanceof NodeEvent.ConversationClosed))
        .containsExactly(
            messageAt(bobHears, "one"),
            new NodeEvent.ConversationClosed("alice", true),
            messageAt(bobHears, "two"));
  }

  private static NodeEvent.MessageReceived messageAt(HeardEvents heard, String text) {
    return heard.all().stream()
        .map(HeardEvents.Heard::event)
        .filter(
            e ->
                e instanceof NodeEvent.MessageReceived m
                    && m.from().equals("alice")
                    && m.text().equals(text))
        .map(NodeEvent.MessageReceived.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aListenerMayAskItsNodeFromAnEvent() throws Exception {
    nodes = new FriendNodes(dir, "alice", "bob");
    HeardEvents bobHears = new HeardEvents();
    Node alice = nodes.start("alice", Duration.ofMinutes(5), new HeardEvents());
    Node bob = nodes.start("bob", Duration.ofMinutes(5), bobHears);
    List<ConversationInfo> answers = new CopyOnWriteArrayList<>();
    bobHears.react(
        e -> {
          if (e instanceof NodeEvent.MessageReceived) {
            answers.addAll(bob.conversations());
          }
        });

    alice.send("bob", "what do you see?");

    await().atMost(WAIT).until(() -> !answers.isEmpty());
    assertThat(answers)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.with()).isEqualTo("alice");
              assertThat(c.state()).isEqualTo(ConversationInfo.State.OPEN);
            });
  }

  private static List<String> texts(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }
}
