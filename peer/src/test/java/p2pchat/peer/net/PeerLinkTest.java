package p2pchat.peer.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import p2pchat.protocol.identity.Identity;
import p2pchat.protocol.identity.PeerId;
import p2pchat.protocol.message.PeerMessage;
import p2pchat.protocol.message.PeerMessage.ChatText;
import p2pchat.protocol.testing.UncaughtExceptionsExtension;

/**
 * A real direct link between two networks on 127.0.0.1 over mutual TLS: Nagle is off on both ends
 * (a chat text must not wait for the previous one's acknowledgement), texts written from several
 * threads at once arrive complete and in each writer's order, and closing writes what was sent.
 */
@ExtendWith(UncaughtExceptionsExtension.class)
class PeerLinkTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Heard dialerHeard = new Heard();
  private final Heard listenerHeard = new Heard();
  private DirectNetwork dialer;
  private DirectNetwork listener;

  /** The link events and messages one side heard. */
  private static final class Heard implements LinkListener {
    final List<PeerLink> up = new CopyOnWriteArrayList<>();
    final List<PeerLink> down = new CopyOnWriteArrayList<>();
    final List<String> texts = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> verify(String claimedName, PeerId peerId, String remote) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void linkUp(PeerLink link) {
      up.add(link);
    }

    @Override
    public void received(PeerLink link, PeerMessage message) {
      if (message instanceof ChatText t) {
        texts.add(t.text());
      }
    }

    @Override
    public void linkDown(PeerLink link) {
      down.add(link);
    }

    @Override
    public void refused(String text) {}
  }

  @AfterEach
  void close() {
    for (DirectNetwork n : new DirectNetwork[] {dialer, listener}) {
      if (n != null) {
        n.close();
      }
    }
  }

  private PeerLink connect() throws Exception {
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    Identity bob = Identity.generate("bob");
    listener = DirectNetwork.start(bob, "bob", any, Duration.ofMinutes(5), listenerHeard);
    dialer =
        DirectNetwork.start(
            Identity.generate("alice"), "alice", any, Duration.ofMinutes(5), dialerHeard);
    PeerLink link =
        dialer
            .dial(
                "bob",
                new Route.Direct(listener.listenAddress()),
                Optional.of(bob.peerId()),
                "the test")
            .get(30, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> listenerHeard.up.size() == 1);
    return link;
  }

  @Test
  void naglesAlgorithmIsOffOnBothEnds() throws Exception {
    PeerLink link = connect();

    assertThat(((NettyLink) link).channel().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
    assertThat(
            ((NettyLink) listenerHeard.up.getFirst())
                .channel()
                .config()
                .getOption(ChannelOption.TCP_NODELAY))
        .isTrue();
  }

  @Test
  void textsFromSeveralThreadsArriveInEachWritersOrderAndCloseWritesThemFirst() throws Exception {
    PeerLink link = connect();
    int writers = 4;
    int each = 2_000;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String prefix = "w" + w + " #";
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 1; i <= each; i++) {
                      link.send(new ChatText(i, 0, prefix + i));
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    CompletableFuture<Void> last = link.write(new ChatText(1, 0, "last"));
    link.close();

    last.get(30, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> listenerHeard.down.size() == 1);
    assertThat(listenerHeard.texts).hasSize(writers * each + 1).endsWith("last");
    for (int w = 0; w < writers; w++) {
      String prefix = "w" + w + " #";
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= each; i++) {
        expected.add(prefix + i);
      }
      assertThat(listenerHeard.texts.stream().filter(t -> t.startsWith(prefix)))
          .containsExactlyElementsOf(expected);
    }
  }
}
